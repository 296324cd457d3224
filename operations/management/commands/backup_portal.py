"""manage.py backup_portal <dir>: the database and the uploaded files, with checksums."""

from django.core.management.base import BaseCommand

from operations.backup import backup


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cổng: cơ sở dữ liệu (JSON, khóa tự nhiên) và các tệp tải lên kèm mã SHA-256."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Thư mục chứa bản sao lưu (mới hoặc trống).")

    def handle(self, *args, directory, **options):
        backup(directory, stdout=self.stdout)
