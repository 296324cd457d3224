"""manage.py restore_portal <dir>: a backup onto an empty database (migrated first)."""

from django.core.management.base import BaseCommand

from operations.backup import restore


class Command(BaseCommand):
    help = ("Phục hồi bản sao lưu vào một cơ sở dữ liệu trống: migrate, kiểm tra mã SHA-256 của các tệp, nạp dữ "
            "liệu trong một giao dịch và so số dòng với bản sao lưu. Từ chối nếu cơ sở dữ liệu đã có dữ liệu.")

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Thư mục bản sao lưu do backup_portal tạo.")
        parser.add_argument("--no-migrate", action="store_true", help="Không chạy migrate trước khi phục hồi.")

    def handle(self, *args, directory, **options):
        restore(directory, stdout=self.stdout, migrate=not options["no_migrate"])
