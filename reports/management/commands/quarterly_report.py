"""Produce a ward's quarterly report from the shell: prepare (or refresh) the draft and write its PDF."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organisations.models import Unit, UnitKind
from reports import services
from reports.pdf import render_report_pdf


class Command(BaseCommand):
    help = "Lập báo cáo quý của một phường và ghi ra tệp PDF (và Excel nếu cần)."

    def add_arguments(self, parser):
        parser.add_argument("--ward", required=True, help="Mã phường (ví dụ: hoa-binh).")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        parser.add_argument("--output", required=True, help="Đường dẫn tệp PDF.")
        parser.add_argument("--excel", help="Đường dẫn tệp Excel số liệu (tùy chọn).")

    def handle(self, *args, ward, year, quarter, output, excel=None, **options):
        ward_unit = Unit.objects.filter(code=ward, kind=UnitKind.WARD).first()
        if ward_unit is None:
            raise CommandError(f"Không tìm thấy phường có mã “{ward}”.")
        report = services.prepare_draft(ward_unit.pk, year, quarter)
        Path(output).write_bytes(render_report_pdf(report))
        if excel:
            from reports.excel import report_workbook

            keys = {section["key"] for section in report.figures.get("sections", [])}
            Path(excel).write_bytes(report_workbook(report, keys))
        self.stdout.write(self.style.SUCCESS(
            f"Đã ghi báo cáo quý {quarter}/{year} của {ward_unit.name} ({report.get_status_display()}) vào {output}"
        ))
