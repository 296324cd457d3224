"""Demo meetings for a ward: briefings, a thematic conference, trainings, dialogues, TDP year-end conferences.

Dates follow today's date, so the demo always shows a year in progress: most required meetings held, one
briefing and the disclosure officers' training missing, conclusions done, in progress and overdue.
"""

from datetime import date, timedelta

from core import periods
from organisations.demo import ensure_person
from organisations.models import UnitKind

from .models import (
    Conclusion,
    ConclusionState,
    DialogueAudience,
    DialogueForm,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from .services import ensure_default_requirements

CONCLUSIONS = {
    MeetingKind.BRIEFING: [
        ("Nắm chắc tình hình Nhân dân ở các tổ dân phố, báo cáo kịp thời các vụ việc phát sinh.", "mttq"),
        ("Rà soát các kiến nghị của cử tri chưa được trả lời, trả lời dứt điểm.", "ubnd"),
        ("Đôn đốc các tổ dân phố duy trì Chủ nhật xanh hằng tuần.", "bcd-tdvcd"),
    ],
    MeetingKind.THEMATIC: [
        ("Các đơn vị đăng ký mô hình “Dân vận khéo” có chỉ tiêu đo được, gửi Khối Dân vận.", "khoi-dan-van"),
        ("UBND phường bố trí kinh phí chỉnh trang bảng công khai tại trụ sở.", "ubnd"),
    ],
    MeetingKind.DIALOGUE: [
        ("Giải quyết dứt điểm tình trạng ngập úng cục bộ tại ngõ 12 Tổ dân phố số 2.", "ubnd"),
        ("Công khai danh sách hộ được hỗ trợ sửa chữa nhà ở tại nhà văn hóa các tổ dân phố.", "ubnd"),
        ("Tuyên truyền cho hội viên nhận diện thủ đoạn lừa đảo qua mạng.", "hoi-pn"),
    ],
}


def _on_or_before(day, limit):
    return min(day, limit)


def load_demo(ward_units: dict, rng):
    """Create believable meetings and conclusions for a demo ward; does nothing if the ward already has some."""
    ward = ward_units["dang-uy"]
    if Meeting.objects.filter(organiser__ward=ward).exists():
        return []
    ensure_default_requirements(ward)
    now = periods.today()
    year = now.year
    chairman = ensure_person(ward_units["ubnd"], "Lê Văn Chính", "Chủ tịch UBND phường", is_unit_head=True)
    secretary = ensure_person(ward, "Đỗ Huy Hoàng", "Bí thư Đảng ủy", is_standing_member=True)
    deputy = ensure_person(ward, "Nguyễn Văn Thường", "Phó Bí thư Thường trực Đảng ủy", is_standing_member=True)
    bloc_head = ensure_person(ward_units["khoi-dan-van"], "Ngô Thị Lan", "Trưởng Khối Dân vận", is_unit_head=True)
    front_head = ensure_person(ward_units["mttq"], "Phạm Thị Mặt", "Chủ tịch Ủy ban MTTQ phường", is_unit_head=True)
    core_units = [ward_units[k] for k in ("khoi-dan-van", "ubnd", "mttq", "doan-tn", "hoi-pn", "hoi-ccb",
                                          "cong-an", "quan-su")]
    created = []

    def meeting(kind, title, held_on, organiser, chair, place, **extra):
        status = MeetingStatus.HELD if held_on <= now else MeetingStatus.PLANNED
        units = extra.pop("units", core_units)
        people = extra.pop("people", [secretary, deputy, bloc_head, chairman, front_head])
        item = Meeting.objects.create(kind=kind, title=title, held_on=held_on, organiser=organiser, chair=chair,
                                      place=place, status=status, starts_at=extra.pop("starts_at", None), **extra)
        item.participating_units.set(units)
        item.attendees.set(people)
        created.append(item)
        return item

    def conclude(item, texts, offset_days):
        for number, (text, key) in enumerate(texts, start=1):
            due = item.held_on + timedelta(days=offset_days + 15 * number)
            roll = rng.random()
            if due < now - timedelta(days=10) and roll < 0.6:
                state, done_on = ConclusionState.DONE, _on_or_before(due - timedelta(days=rng.randint(0, 5)), now)
                result = "Đã thực hiện xong, báo cáo kết quả tại kỳ giao ban sau."
            elif roll < 0.85:
                state, done_on, result = ConclusionState.IN_PROGRESS, None, "Đang triển khai."
            else:
                state, done_on, result = ConclusionState.NOT_STARTED, None, ""
            if done_on:
                done_on = max(done_on, item.held_on)
            Conclusion.objects.create(meeting=item, number=number, text=text, responsible_unit=ward_units[key],
                                      due_date=due, state=state, done_on=done_on, result=result)

    # Quarterly briefings: the one of the quarter before the current one is missing, to show a gap.
    current_quarter = periods.quarter_of(now)[1]
    for quarter in range(1, current_quarter + 1):
        if quarter == current_quarter - 1:
            continue
        held_on = _on_or_before(date(year, quarter * 3 - 2, 20), now)
        item = meeting(MeetingKind.BRIEFING, f"Giao ban công tác dân vận quý {quarter}/{year}", held_on,
                       ward, deputy, "Hội trường Đảng ủy phường", starts_at=None,
                       minutes="Thường trực Đảng ủy nghe Khối Dân vận, UBND, MTTQ và các đoàn thể báo cáo tình hình "
                               "Nhân dân và kết quả công tác dân vận trong quý; thống nhất nhiệm vụ quý tới.")
        conclude(item, CONCLUSIONS[MeetingKind.BRIEFING][: 2 + quarter % 2], 10)

    item = meeting(MeetingKind.THEMATIC, f"Hội nghị chuyên đề về công tác dân vận năm {year}",
                   _on_or_before(date(year, 3, 28), now), ward, secretary, "Hội trường UBND phường",
                   attendance=86, other_attendees="Bí thư các chi bộ, Tổ trưởng các Tổ dân vận cộng đồng.",
                   minutes="Quán triệt Kế hoạch khắc phục hạn chế, tồn tại trong công tác dân vận năm 2023.")
    conclude(item, CONCLUSIONS[MeetingKind.THEMATIC], 20)

    meeting(MeetingKind.TRAINING, f"Tập huấn công tác dân vận và quy chế dân chủ ở cơ sở năm {year}",
            _on_or_before(date(year, 4, 16), now), ward_units["ubnd"], chairman, "Hội trường UBND phường",
            attendance=42, other_attendees="Cán bộ, công chức phường; báo cáo viên Ban Dân vận Thành ủy.")

    dialogue = meeting(
        MeetingKind.DIALOGUE, "Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân",
        _on_or_before(date(year, 5, 22), now), ward_units["ubnd"], chairman, "Nhà văn hóa Tổ dân phố số 2",
        dialogue_form=DialogueForm.THEMATIC, dialogue_audience=DialogueAudience.PEOPLE,
        field="Hạ tầng đô thị, vệ sinh môi trường", attendance=120,
        other_attendees="Đại diện 118 hộ dân các Tổ dân phố số 1, 2, 3.",
        minutes="Người dân phản ánh ngập úng cục bộ, chiếu sáng ngõ xóm, hỗ trợ sửa chữa nhà ở. "
                "Chủ tịch UBND phường trả lời trực tiếp và giao các bộ phận chuyên môn giải quyết.",
    )
    conclude(dialogue, CONCLUSIONS[MeetingKind.DIALOGUE], 5)
    meeting(MeetingKind.DIALOGUE, "Đối thoại với công nhân lao động về nhà ở, an ninh trật tự khu trọ",
            _on_or_before(date(year, 9, 12), now), ward_units["cong-doan"], front_head,
            "Nhà văn hóa Tổ dân phố số 4", dialogue_form=DialogueForm.REGULAR,
            dialogue_audience=DialogueAudience.WORKERS, field="Nhà trọ công nhân", attendance=54,
            units=[ward_units["mttq"], ward_units["cong-doan"], ward_units["cong-an"]])

    # Last year's year-end conferences of the residential groups (the last group missed it).
    groups = sorted((u for u in ward_units.values() if u.kind == UnitKind.RESIDENTIAL_GROUP), key=lambda u: u.order)
    for group in groups[:-1]:
        meeting(MeetingKind.RESIDENTS_CONFERENCE, f"Hội nghị cộng đồng dân cư cuối năm {year - 1} – {group.name}",
                date(year - 1, 12, rng.randint(10, 27)), group, None, f"Nhà văn hóa {group.name}",
                chair_name=f"Tổ trưởng {group.name}", units=[group], people=[],
                attendance=rng.randint(60, 140))
    return created
