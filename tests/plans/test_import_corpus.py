"""The importer on plans laid out the ways wards write them (tests/support/plan_corpus.py): each form read to
its groups, tasks, units, timings and header, or flagged where the reader had to guess."""

import json
from datetime import date

import pytest
from django.utils import translation

from plans.importer import UnitCatalogue, describe_flag, flag_level, import_upload, read_text
from plans.importer.header import read_header
from plans.loader import SEED_PLAN
from tests.support import plan_corpus as corpus
from tests.support.plans import stored_draft, upload_plan_file

TODAY = date(2025, 6, 1)
SHIPPED = json.loads(SEED_PLAN.read_text(encoding="utf-8"))
ALL_ROUND = {"recurrence": "quarterly", "recurrence_day": 31, "recurrence_month": 3}
END_OF_QUARTER_15 = {"recurrence": "quarterly", "recurrence_day": 15, "recurrence_month": 3}
CELLS = ["cb-co-quan", "cb-tdp-1", "cb-tdp-2", "cb-tdp-3", "cb-tdp-4"]
GROUPS = ["tdp-1", "tdp-2", "tdp-3", "tdp-4"]

PARTY_TASKS = [
    ("II.1.2 – ý 1", "ubnd", [], {"recurrence": "once", "due_date": "2025-01-31"}),
    ("II.1.2 – ý 2", "bcd-qcdc", GROUPS, ALL_ROUND),
    ("II.1.2 – ý 3", "mttq", ["hoi-ccb"], {"recurrence": "once", "due_date": "2025-06-30"}),
    ("II.2.2 – ý 1", "bcd-tdvcd", GROUPS, {"recurrence": "weekly", "recurrence_weekday": 6}),
    ("II.2.2 – ý 2", "bcd-tdvcd", [], {"recurrence": "once", "due_date": "2025-12-15"}),
    ("III.1", "khoi-dan-van", [], END_OF_QUARTER_15),
    ("III.2", "dang-uy", CELLS, {"recurrence": "once", "due_date": "2025-02-28"}),
]
PARTY_KINDS = ["democracy", "community_groups", "implementation"]
PARTY = ("Đảng ủy phường Hoàng Văn Thụ", "Đảng bộ thành phố Bắc Giang", "32-KH/ĐU", "Hoàng Văn Thụ", "2025-01-15",
         "2025")
WORD_TASKS = [
    ("II.1.2 – ý 1", "cong-an", [], {"recurrence": "weekly", "recurrence_weekday": 0}),
    ("II.1.2 – ý 2", "bcd-tdvcd", GROUPS, {"recurrence": "once", "due_date": "2025-06-30"}),
    ("II.2.2 – ý 1", "hoi-pn", [], {"recurrence": "once", "due_date": "2025-09-30"}),
    ("III.1", "khoi-dan-van", [], {"recurrence": "once"}),
    ("III.2", "cong-an", [], {"recurrence": "once", "due_date": "2025-12-15"}),
]

# name -> (file name, content, header (issuer, superior, number, place, issued on, year), group kinds, plan flags,
#          tasks (source, lead, supporting, timing), task flags by source)
CORPUS = {
    "Đảng ủy, đầu văn bản là bảng Word": (
        "ke-hoach.docx", corpus.party_table_docx, PARTY, PARTY_KINDS, set(), PARTY_TASKS, {}),
    "Đảng ủy, văn bản thuần, hai cột cách bằng tab": (
        "ke-hoach.txt", lambda: corpus.party_text(corpus.PARTY_TABS_HEADER), PARTY, PARTY_KINDS, set(),
        PARTY_TASKS, {}),
    "Đảng ủy, hai cột cách bằng dấu cách, số và ngày để trống": (
        "ke-hoach.txt", lambda: corpus.party_text(corpus.PARTY_SPACES_BLANK_NUMBER_HEADER),
        ("Đảng ủy phường Hoàng Văn Thụ", "", "", "Hoàng Văn Thụ", None, "2025"), PARTY_KINDS,
        {"code_blank", "issued_on_unreadable"}, PARTY_TASKS, {}),
    "Đảng ủy, hai cột dính liền một dòng": (
        "ke-hoach.txt", lambda: corpus.party_text(corpus.PARTY_RUN_TOGETHER_HEADER),
        ("Đảng ủy phường Hoàng Văn Thụ", "", "32-KH/ĐU", "Hoàng Văn Thụ", "2025-01-15", "2025"), PARTY_KINDS,
        set(), PARTY_TASKS, {}),
    "Đảng ủy, Markdown từ phần mềm chuyển đổi, đầu văn bản là bảng “|”": (
        "ke-hoach.md", lambda: (corpus.PARTY_PIPE_TABLE_HEADER + corpus.PARTY_BODY).encode(), PARTY, PARTY_KINDS,
        set(), PARTY_TASKS, {}),
    "Ban Chỉ đạo Quy chế dân chủ (Markdown)": (
        "ke-hoach.md", lambda: corpus.STEERING.encode(),
        ("Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở", "Đảng ủy phường Hoàng Văn Thụ", "05-KH/BCĐ",
         "Hoàng Văn Thụ", "2025-02-20", "2025"),
        ["democracy", "other", "implementation"], {"area_unclassified"},
        [
            ("II.1.2 – ý 1", "ubnd", ["bcd-qcdc"], {"recurrence": "quarterly", "recurrence_day": 10,
                                                     "recurrence_month": 3}),
            ("II.1.2 – ý 2", "cong-an", ["quan-su"], {"recurrence": "once", "due_date": "2025-12-31"}),
            ("II.2.2 – ý 1", "bcd-tdvcd", GROUPS, {"recurrence": "once", "due_date": "2025-12-31"}),
            # "các thành viên Ban chỉ đạo": in the committee's own plan, the committee.
            ("III.1", "bcd-qcdc", [], {"recurrence": "once", "due_date": "2025-12-20"}),
        ], {}),
    "UBND phường, quốc hiệu, “1)”, “a)”, “+” (Word, bảng hai hàng)": (
        "ke-hoach.docx", lambda: corpus.build_docx(corpus.PEOPLES_COMMITTEE, corpus.PEOPLES_COMMITTEE_HEADER),
        ("Ủy ban nhân dân phường Hoàng Văn Thụ", "", "18/KH-UBND", "Hoàng Văn Thụ", "2025-03-10", "2025"),
        ["friendly_government", "other", "implementation"], {"area_unclassified"},
        [
            # No unit named in the People's Committee's own plan: the People's Committee leads.
            ("II.1.2 – ý 1", "ubnd", [], ALL_ROUND),
            ("II.1.2 – ý 2", "ubnd", [], {"recurrence": "once", "due_date": "2025-04-30"}),
            ("II.1.2 – ý 3", "doan-tn", [], {"recurrence": "once"}),
            ("II.2.2 – ý 1", "ubnd", [], {"recurrence": "weekly", "recurrence_weekday": 3}),
            ("II.2.2 – ý 2", "mttq", [], {"recurrence": "once", "due_date": "2025-09-30"}),
            ("III.1", "ubnd", [], {"recurrence": "once", "due_date": "2025-12-10"}),
            ("III.2", "cong-an", [], {"recurrence": "once"}),
        ], {"II.1.2 – ý 1": ["owner_default"], "III.1": ["unknown_unit"]}),
    "Ủy ban MTTQ, quốc hiệu, hai cột cách bằng tab": (
        "ke-hoach.txt", lambda: corpus.FATHERLAND_FRONT.encode(),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam phường Hoàng Văn Thụ", "", "07/KH-MTTQ", "Hoàng Văn Thụ", "2025-01-08",
         "2025"),
        ["community_groups", "other", "implementation"], {"area_unclassified"},
        [
            ("II.1.2 – ý 1", "hoi-pn", [], {"recurrence": "once", "due_date": "2025-06-30"}),
            ("II.1.2 – ý 2", "tdp-1", ["tdp-2"], {"recurrence": "weekly", "recurrence_weekday": 6}),
            ("II.2.2 – ý 1", "doan-tn", [], {"recurrence": "monthly", "recurrence_day": 31}),
            ("III.1", "mttq", [], END_OF_QUARTER_15),
        ], {}),
    "Tiêu đề đánh số bởi phần mềm chuyển đổi, giữ số của văn bản": (
        "ke-hoach.md", lambda: corpus.CONVERTED_KEEPING_OWN_NUMBERS.encode(),
        ("Đảng ủy phường Hoàng Văn Thụ", "", "40-KH/ĐU", "Hoàng Văn Thụ", "2025-04-02", "2025"),
        ["skilful_mobilization", "implementation"], set(),
        [
            ("II.1.2 – ý 1", "khoi-dan-van", [], {"recurrence": "once", "due_date": "2025-05-31"}),
            ("II.1.2 – ý 2", "khoi-dan-van", [], {"recurrence": "once", "due_date": "2025-10-31"}),
            ("III.1", "khoi-dan-van", [], {"recurrence": "once", "due_date": "2025-11-15"}),
        ], {"II.1.2 – ý 2": ["owner_default"]}),
    "Tiêu đề chỉ còn số của phần mềm chuyển đổi (“0.1 KẾ HOẠCH”, “2.1.2 …”)": (
        "ke-hoach.txt", lambda: corpus.CONVERTED_ONLY_NUMBERS.encode(),
        ("Đảng ủy phường Hoàng Văn Thụ", "", "41-KH/ĐU", "Hoàng Văn Thụ", "2025-04-03", "2025"),
        ["religion", "implementation"], set(),
        [
            ("II.1.2 – ý 1", "ubnd", [], {"recurrence": "once", "due_date": "2025-09-30"}),
            ("II.1.2 – ý 2", "bcd-ton-giao", [], {"recurrence": "monthly", "recurrence_day": 31}),
            ("III.1", "dang-uy", CELLS, END_OF_QUARTER_15),
        ], {}),
    "Word tự đánh số (numbering.xml: La Mã, thập phân, List Number)": (
        "ke-hoach.docx", lambda: corpus.build_docx(corpus.WORD_NUMBERED, corpus.WORD_NUMBERED_HEADER), PARTY,
        ["other", "other", "implementation"], {"area_unclassified"}, WORD_TASKS, {}),
    "Word tự đánh số chữ cái (a), b))": (
        "ke-hoach.docx", lambda: corpus.build_docx(corpus.WORD_LETTERED, corpus.WORD_NUMBERED_HEADER), PARTY,
        ["other", "other", "implementation"], {"area_unclassified"}, WORD_TASKS, {}),
    "Word, đề mục chỉ theo kiểu Heading, không số": (
        "ke-hoach.docx", lambda: corpus.build_docx(corpus.STYLED_HEADINGS, corpus.WORD_NUMBERED_HEADER),
        PARTY[:5] + ("2026",), ["other", "implementation"], {"area_unclassified"},
        [
            ("II.1.2 – ý 1", "hoi-nct", [], {"recurrence": "once", "due_date": "2026-01-10"}),
            ("II.1.2 – ý 2", "hoi-pn", ["doan-tn"], {"recurrence": "once", "due_date": "2026-02-28"}),
            ("III – ý 1", "khoi-dan-van", [], {"recurrence": "once", "due_date": "2026-02-28"}),
        ], {}),
    "Văn bản thuần, trích yếu xuống dòng": (
        "ke-hoach.txt", lambda: corpus.WRAPPED_TITLE.encode(),
        # Issued in December 2023 for 2024: the year is the title's, read over its three lines.
        ("Đảng ủy phường Hoàng Văn Thụ", "", "04-KH/ĐU", "Hoàng Văn Thụ", "2023-12-05", "2024"),
        ["accountability", "implementation"], set(),
        [
            ("II.1 – ý 1", "ubnd", [], {"recurrence": "once", "due_date": "2024-03-31"}),
            ("II.1 – ý 2", "hoi-ccb", [], ALL_ROUND),
            ("III.1", "khoi-dan-van", [], {"recurrence": "once", "due_date": "2024-12-15"}),
        ], {}),
}


def _read(name, content):
    return import_upload(name, content, UnitCatalogue.demo(), today=TODAY).data


def _timing(task):
    return {k: v for k, v in task.items() if k.startswith(("recurrence", "due_date")) and v is not None}


@pytest.mark.parametrize("form", list(CORPUS))
def test_each_form_of_plan_is_read_whole(form):
    name, build, header, kinds, plan_flags, tasks, task_flags = CORPUS[form]

    data = _read(name, build())

    assert (data["issuer"], data["superior"], data["code"], data["place"], data["issued_on"],
            data["starts_on"][:4]) == header
    assert data["title"].startswith("Kế hoạch ") and data["title"][len("Kế hoạch "):][:1].islower()
    assert [area["kind"] for area in data["areas"]] == kinds
    assert {flag["kind"] for flag in data["flags"]} == plan_flags
    found = [task for area in data["areas"] for task in area["tasks"]]
    assert [(t["source"], t["lead"], sorted(t["supporting"]), _timing(t)) for t in found] == tasks
    catalogue = UnitCatalogue.demo()
    assert all(t["lead"] in catalogue.by_key and set(t["supporting"]) <= set(catalogue.by_key) for t in found)
    assert {t["source"]: sorted(f["kind"] for f in t["flags"]) for t in found if t["flags"]} == task_flags


def test_a_plan_numbered_1_dash_reads_like_the_seed():
    data = _read("ke-hoach.md", corpus.seed_numbered_with_dashes().encode())

    assert len(data["areas"]) == 7 and sum(len(a["tasks"]) for a in data["areas"]) == 25
    assert [(t["source"], t["lead"], sorted(t["supporting"])) for a in data["areas"] for t in a["tasks"]] == [
        (t["source"], t["lead"], sorted(t["supporting"])) for a in SHIPPED["areas"] for t in a["tasks"]]
    assert [i["number"] for i in data["limitations"]] == ["1.1", "1.2", "1.3"]
    assert [i["number"] for i in data["focus_tasks"]] == ["2.1", "2.2", "2.3", "2.4", "2.5"]


def test_the_left_column_is_never_glued_to_the_place():
    for header in (corpus.PARTY_TABS_HEADER, corpus.PARTY_SPACES_BLANK_NUMBER_HEADER,
                   corpus.PARTY_RUN_TOGETHER_HEADER):
        data = _read("ke-hoach.txt", corpus.party_text(header))

        assert data["place"] == "Hoàng Văn Thụ", header
        assert not data["issuer"].startswith("Số"), header


def test_a_header_without_its_issuer_or_year_is_flagged_not_guessed_silently():
    text = corpus.WRAPPED_TITLE.replace("ĐẢNG ỦY PHƯỜNG HOÀNG VĂN THỤ\t\t", "").replace("\nnăm 2024", "")
    text = text.replace("ngày 05 tháng 12 năm 2023", "ngày 05 tháng 12 năm 2024")

    data = _read("ke-hoach.txt", text.encode())

    kinds = {flag["kind"]: flag for flag in data["flags"]}
    assert kinds["year_inferred"]["from"] == "issued_on" and data["starts_on"] == "2024-01-01"
    assert data["issuer"] == "" and "issuer_missing" in kinds
    assert all(flag_level(kinds[kind]) == "warning" for kind in ("year_inferred", "issuer_missing"))


def test_a_section_the_reader_cannot_number_is_flagged():
    text = corpus.WRAPPED_TITLE.replace("1. Dân vận chính quyền\n", "Dân vận chính quyền:\n").replace(
        "- UBND", "• UBND").replace("III. TỔ CHỨC", "IV. KHEN THƯỞNG\nKhen thưởng cuối năm.\n\nIII. TỔ CHỨC")

    data = _read("ke-hoach.txt", text.encode())

    flags = {flag["kind"]: flag for flag in data["flags"]}
    assert flags["section_skipped"]["text"] == "IV- Khen thưởng"


@pytest.mark.parametrize("form", list(CORPUS))
def test_every_flag_has_words_in_vietnamese_and_english(form):
    name, build, *_rest = CORPUS[form]
    data = _read(name, build())
    flags = [*data["flags"], *(f for a in data["areas"] for t in a["tasks"] for f in t["flags"])]

    for flag in flags:
        vietnamese = describe_flag(flag, UnitCatalogue.demo())
        with translation.override("en"):
            english = describe_flag(flag, UnitCatalogue.demo())
        assert vietnamese and english != vietnamese, flag


@pytest.mark.django_db
def test_the_preview_shows_the_header_read_and_its_guesses(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])

    uploaded = upload_plan_file(client, "ke-hoach.txt", corpus.party_text(corpus.PARTY_SPACES_BLANK_NUMBER_HEADER))
    html = client.get(uploaded["Location"]).content.decode()

    assert stored_draft()["data"]["place"] == "Hoàng Văn Thụ"
    assert "Số của kế hoạch còn để trống (“Số -KH/ĐU”)" in html
    assert "Không đọc được ngày ban hành" in html
    assert 'value="Hoàng Văn Thụ"' in html
    # Imported into An Hòa: the issuer's ward is not the ward chosen.
    assert "Văn bản do “Đảng ủy phường Hoàng Văn Thụ” ban hành" in html


@pytest.mark.django_db
def test_the_preview_shows_the_superior_body(ward_a, client_for):
    client = client_for(ward_a.users["bloc"])

    uploaded = upload_plan_file(client, "ke-hoach.docx", corpus.party_table_docx())
    html = client.get(uploaded["Location"]).content.decode()

    assert "Cơ quan cấp trên:</strong> Đảng bộ thành phố Bắc Giang" in html


def test_a_markdown_title_wrapped_under_its_heading_is_read_whole():
    text = corpus.WRAPPED_TITLE.replace("KẾ HOẠCH\n", "## KẾ HOẠCH\n")

    data = _read("ke-hoach.md", text.encode())

    assert data["title"] == "Kế hoạch thực hiện công tác dân vận năm 2024"
    assert data["starts_on"] == "2024-01-01"


def test_a_section_whose_items_are_numbered_in_an_unknown_way_is_flagged():
    text = corpus.WRAPPED_TITLE.replace("1. Dân vận chính quyền\n- UBND", "(1) Dân vận chính quyền\n(a) UBND").replace(
        "- Hội Cựu", "(b) Hội Cựu")

    data = _read("ke-hoach.txt", text.encode())

    unread = [flag for flag in data["flags"] if flag["kind"] == "section_unread"]
    assert [flag["text"] for flag in unread] == ["II- Nhiệm vụ, giải pháp"]
    assert flag_level(unread[0]) == "warning"
    assert [area["kind"] for area in data["areas"]] == ["implementation"]


def test_an_issuer_that_is_no_unit_of_the_ward_is_flagged():
    text = corpus.FATHERLAND_FRONT.replace("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\t", "HỘI NÔNG DÂN\t").replace(
        "Số: 07/KH-MTTQ", "Số: 07/KH-HND")

    data = _read("ke-hoach.txt", text.encode())

    flag = next(flag for flag in data["flags"] if flag["kind"] == "issuer_unmatched")
    assert (data["issuer"], data["code"]) == ("Hội Nông dân phường Hoàng Văn Thụ", "07/KH-HND")
    assert flag_level(flag) == "warning"
    assert "không khớp đơn vị nào của phường" in describe_flag(flag, UnitCatalogue.demo())
    assert "Khối Dân vận Đảng ủy" in describe_flag(flag, UnitCatalogue.demo())


@pytest.mark.parametrize(("header", "expected"), [
    # A state number written with spaces, the date without leading zeros.
    ("ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHƯỜNG AN HÒA\t\tĐộc lập – Tự do – Hạnh phúc\n"
     "Số: 5 /KH-UBND\t\tAn Hòa, ngày 3 tháng 2 năm 2025",
     ("Ủy ban nhân dân phường An Hòa", "", "5/KH-UBND", "An Hòa", "2025-02-03")),
    # Each column's lines one after the other, as a copy of a table cell by cell gives them.
    ("ĐẢNG BỘ THÀNH PHỐ BẮC GIANG\nĐẢNG ỦY PHƯỜNG AN HÒA\n*\nSố 21-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
     "An Hòa, ngày 20 tháng 01 năm 2025",
     ("Đảng ủy phường An Hòa", "Đảng bộ thành phố Bắc Giang", "21-KH/ĐU", "An Hòa", "2025-01-20")),
    # Row by row, without tabs: the motto and the date line cut off the left column's text.
    ("ĐẢNG BỘ THÀNH PHỐ BẮC GIANG ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY PHƯỜNG AN HÒA An Hòa, ngày 20 tháng 01 năm 2025\n"
     "* Số 21-KH/ĐU",
     ("Đảng ủy phường An Hòa", "Đảng bộ thành phố Bắc Giang", "21-KH/ĐU", "An Hòa", "2025-01-20")),
])
def test_header_forms(header, expected):
    read = read_header(read_text(header, markdown=False))

    assert (read.issuer, read.superior, read.code, read.place, read.issued_on) == expected


def test_plain_text_sections_in_ordinary_case_are_read():
    text = (corpus.WRAPPED_TITLE.replace("I. MỤC ĐÍCH, YÊU CẦU", "I. Mục đích, yêu cầu")
            .replace("II. NHIỆM VỤ, GIẢI PHÁP", "II. Nhiệm vụ, giải pháp")
            .replace("III. TỔ CHỨC THỰC HIỆN", "III. Tổ chức thực hiện"))

    data = _read("ke-hoach.txt", text.encode())

    assert [area["kind"] for area in data["areas"]] == ["accountability", "implementation"]
    assert sum(len(area["tasks"]) for area in data["areas"]) == 3


def test_a_word_list_restarted_at_a_number_keeps_it():
    paragraphs = [("area-restarted-at-3", text) if kind == "area" and "đoàn viên" in text else (kind, text)
                  for kind, text in corpus.WORD_NUMBERED]

    data = _read("ke-hoach.docx", corpus.build_docx(paragraphs, corpus.WORD_NUMBERED_HEADER))

    assert [area["number"] for area in data["areas"]] == ["1", "3", "III"]


@pytest.mark.django_db
def test_another_wards_plan_is_flagged_against_the_ward_chosen(ward_a):
    catalogue = UnitCatalogue.for_ward(ward_a.ward)

    theirs = import_upload("ke-hoach.docx", corpus.party_table_docx(), catalogue, today=TODAY).data
    ours = import_upload("ke-hoach.txt", corpus.party_text(corpus.PARTY_TABS_HEADER).replace(
        "HOÀNG VĂN THỤ".encode(), "AN HÒA".encode()), catalogue, today=TODAY).data

    flag = next(flag for flag in theirs["flags"] if flag["kind"] == "issuer_other_ward")
    assert describe_flag(flag) == ("Văn bản do “Đảng ủy phường Hoàng Văn Thụ” ban hành, không phải của Đảng ủy "
                                   "phường An Hòa đang nhập kế hoạch: hãy kiểm tra đã chọn đúng phường.")
    assert not [flag for flag in ours["flags"] if flag["kind"] == "issuer_other_ward"]
