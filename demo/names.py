"""Believable Vietnamese names for generated data: people, streets, places of worship, wards.

Everything is drawn from a ``random.Random`` the caller seeds, so a run is reproducible.
"""

SURNAMES = (
    ["Nguyễn"] * 38 + ["Trần"] * 11 + ["Lê"] * 9 + ["Phạm"] * 7 + ["Hoàng"] * 5 + ["Huỳnh"] * 2 + ["Phan"] * 4
    + ["Vũ"] * 4 + ["Võ"] * 2 + ["Đặng"] * 2 + ["Bùi"] * 2 + ["Đỗ"] * 2 + ["Hồ"] + ["Ngô"] * 2 + ["Dương"]
    + ["Lý", "Đinh", "Trịnh", "Đào", "Mai", "Lương", "Tạ", "Thân", "Giáp", "Chu", "Hà", "Lục", "Nghiêm"]
)
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Ngọc", "Thanh", "Duy", "Trọng"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Diệu", "Bích", "Kim"]
GIVEN_MALE = ["Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Long", "Thắng", "Sơn", "Cường", "Quân", "Hiếu", "Đức",
              "Phong", "Khánh", "Toàn", "Trung", "Bình", "An", "Thành", "Hòa", "Tiến", "Việt", "Huy", "Lâm"]
GIVEN_FEMALE = ["Lan", "Hương", "Hoa", "Mai", "Linh", "Thảo", "Trang", "Hằng", "Nga", "Yến", "Loan", "Hà",
                "Phương", "Thủy", "Nhung", "Huyền", "Vân", "Oanh", "Dung", "Ngân", "Hạnh", "Tuyết", "Liên", "Giang"]

WARD_NAMES = [
    "Trần Phú", "Ngô Quyền", "Lê Lợi", "Hoàng Văn Thụ", "Thọ Xương", "Mỹ Độ", "Xương Giang", "Đa Mai",
    "Dĩnh Kế", "Song Mai", "Tân Mỹ", "Đồng Sơn", "Tân Tiến", "Dĩnh Trì", "Song Khê", "Nội Hoàng", "Tiền Phong",
    "Thống Nhất", "Hòa Bình", "Quang Trung", "Lê Hồng Phong", "Nguyễn Trãi", "Minh Khai", "Kim Mã", "Cầu Giấy",
    "Yên Hòa", "Trung Hòa", "Dịch Vọng", "Nghĩa Đô", "Quan Hoa", "Mai Dịch", "Phú Diễn", "Cổ Nhuế", "Xuân Đỉnh",
    "Thụy Khuê", "Bưởi", "Nhật Tân", "Quảng An", "Tứ Liên", "Phúc Xá", "Trúc Bạch", "Quán Thánh", "Điện Biên",
    "Đội Cấn", "Ngọc Hà", "Vĩnh Phúc", "Liễu Giai", "Giảng Võ", "Thành Công", "Cống Vị", "Hàng Buồm", "Đồng Xuân",
]
STREETS = ["Lê Lợi", "Trần Phú", "Ngô Gia Tự", "Nguyễn Văn Cừ", "Hùng Vương", "Xương Giang", "Lý Thái Tổ",
           "Nguyễn Thị Minh Khai", "Hoàng Hoa Thám", "Giáp Hải", "Thân Nhân Trung", "Lê Lai", "Quang Trung",
           "Nguyễn Khắc Nhu", "Huyền Quang", "Châu Xuyên", "Tiền Giang", "Đào Sư Tích", "Minh Khai", "Yết Kiêu"]
PAGODA_NAMES = ["Phúc Lâm", "Quang Minh", "Linh Ứng", "Diên Khánh", "Hưng Long", "Thanh Lương", "Bảo Quang",
                "Phổ Quang", "Vĩnh Nghiêm", "Sùng Khánh", "Thiên Ân", "Long Khánh", "Hòa Yên", "Kim Liên"]
SAINTS = ["Thánh Giuse", "Đức Mẹ Vô Nhiễm", "Thánh Phêrô", "Thánh Tâm", "Thánh Antôn", "Mân Côi"]
DEITIES = ["Đức Thánh Trần", "Thành hoàng làng", "Mẫu Thượng Ngàn", "Quan Âm", "Hai Bà Trưng", "Bà Chúa Kho"]

TASK_VERBS = ["Tuyên truyền", "Rà soát", "Tổ chức", "Kiểm tra", "Vận động", "Triển khai", "Sơ kết", "Đôn đốc",
              "Hướng dẫn", "Tập huấn", "Đối thoại về", "Giám sát"]
TASK_OBJECTS = ["việc thực hiện Quy chế dân chủ ở cơ sở", "phong trào “Dân vận khéo”", "ngày Chủ nhật xanh",
                "cải cách hành chính tại bộ phận một cửa", "công tác tôn giáo trên địa bàn",
                "hoạt động Tổ dân vận cộng đồng", "phòng chống lừa đảo qua mạng", "vệ sinh môi trường khu dân cư",
                "xây dựng khu dân cư văn hóa", "an ninh trật tự tổ dân phố", "phong cách ứng xử của cán bộ",
                "thu gom rác thải sinh hoạt", "chuyển đổi số cho người cao tuổi", "hiến đất mở rộng ngõ xóm"]
PROGRESS_NOTES = ["Đã triển khai đến các chi bộ và tổ dân phố.", "Đã tổ chức hội nghị, có biên bản kèm theo.",
                  "Đang tiếp tục vận động, dự kiến hoàn thành đúng hạn.", "Đã thực hiện đúng kỳ, báo cáo Khối Dân vận.",
                  "Đã phát thanh trên loa truyền thanh 3 buổi liên tiếp.", "Đã đăng tải trên nhóm Zalo của tổ."]
COMMENTS = ["Cán bộ hướng dẫn tận tình.", "Thời gian chờ hơi lâu.", "Thủ tục nhanh gọn.", "Cần thêm ghế chờ.",
            "Rất hài lòng với thái độ phục vụ.", "Nên niêm yết rõ hơn các khoản phí."]


def person_name(rng, female=None):
    female = rng.random() < 0.5 if female is None else female
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    return f"{rng.choice(SURNAMES)} {middle} {given}"


def address(rng, group_name=""):
    street = rng.choice(STREETS)
    text = f"Số {rng.randint(1, 250)}, ngõ {rng.randint(1, 120)} đường {street}"
    return f"{text}, {group_name}" if group_name else text


def ward_name(index):
    base = WARD_NAMES[index % len(WARD_NAMES)]
    return f"phường {base}" if index < len(WARD_NAMES) else f"phường {base} {index // len(WARD_NAMES) + 1}"


def task_title(rng):
    return f"{rng.choice(TASK_VERBS)} {rng.choice(TASK_OBJECTS)}"


def establishment_name(rng, kind_label=""):
    kind = (kind_label or "").lower()
    if "nhà thờ" in kind or "giáo" in kind:
        return f"Nhà thờ giáo xứ {rng.choice(SAINTS)}"
    if "đình" in kind:
        return f"Đình làng {rng.choice(PAGODA_NAMES)}"
    if "đền" in kind or "miếu" in kind or "phủ" in kind:
        return f"Đền thờ {rng.choice(DEITIES)}"
    return f"Chùa {rng.choice(PAGODA_NAMES)}"


def sentence(rng):
    """A plain Vietnamese sentence for a free-text field."""
    return f"{rng.choice(TASK_VERBS)} {rng.choice(TASK_OBJECTS)}. {rng.choice(PROGRESS_NOTES)}"
