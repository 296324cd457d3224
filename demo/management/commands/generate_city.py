"""manage.py generate_city: the city-scale data set the benchmarks run on."""

import time

from django.core.management.base import BaseCommand

from demo import generators


class Command(BaseCommand):
    help = ("Sinh bộ dữ liệu quy mô thành phố để đo hiệu năng: 50 phường, 25.000 nhiệm vụ, 100.000 báo cáo tiến độ "
            "và dữ liệu các lĩnh vực đã có (đánh giá hài lòng, hộ gia đình, mô hình Dân vận khéo, cơ sở thờ tự).")

    def add_arguments(self, parser):
        parser.add_argument("--wards", type=int, default=None, help="Số phường (mặc định 50 × scale, tối thiểu 2).")
        parser.add_argument("--scale", type=float, default=None,
                            help="Hệ số quy mô: 1 = đầy đủ (50 phường), 0.001 để thử nhanh; mặc định theo số phường "
                                 "(--wards 170: 3,4 lần khối lượng của thành phố).")
        parser.add_argument("--residential-groups", type=int, default=12, help="Số tổ dân phố mỗi phường.")
        parser.add_argument("--seed", type=int, default=2024, help="Hạt giống ngẫu nhiên (chạy lại cho cùng dữ liệu).")
        parser.add_argument("--only", nargs="*", default=None,
                            help=f"Chỉ chạy các bộ sinh lĩnh vực này: {', '.join(generators.REGISTRY)}.")

    def handle(self, *args, **options):
        started = time.monotonic()
        counts = generators.generate(
            scale=options["scale"], wards=options["wards"], residential_groups=options["residential_groups"],
            seed=options["seed"], only=options["only"], out=self.stdout.write,
        )
        self.stdout.write(self.style.SUCCESS(
            f"Xong trong {time.monotonic() - started:.0f}s: "
            + ", ".join(f"{key} {value if value is not None else '—'}" for key, value in counts.items())
        ))
        self.stdout.write(f"Đăng nhập: <mã phường>.khoidv (ví dụ tt-p01.khoidv), mật khẩu {generators.USER_PASSWORD}")
