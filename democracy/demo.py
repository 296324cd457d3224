"""Demo data of grassroots democracy for a ward: disclosures (some late, unapproved, taken down early), weekly
citizen receptions with a few weeks missed, petitions in every state, two violations.

Dates follow today's date; anything that would lie in the future is left out, so every record is valid.
"""

from datetime import date, timedelta

from core import periods
from organisations.demo import ensure_person

from .models import (
    CitizenReception,
    Disclosure,
    DisclosureChannel,
    DisclosureContent,
    DisclosureRequirement,
    Petition,
    PetitionChannel,
    PetitionKind,
    PetitionState,
    PetitionStep,
    Violation,
    ViolationSource,
    legal_due_date,
)
from .services import ensure_default_checklist


def load_demo(ward_units: dict, rng):
    """Create the demo records for a ward; does nothing if the ward already has disclosures."""
    ward = ward_units["dang-uy"]
    ubnd = ward_units["ubnd"]
    if Disclosure.objects.filter(unit__ward=ward).exists():
        return []
    now = periods.today()
    year = now.year
    ensure_default_checklist(ward)
    chairman = ensure_person(ubnd, "Lê Văn Chính", "Chủ tịch UBND phường", is_unit_head=True)
    deputy = ensure_person(ubnd, "Phạm Quang Vinh", "Phó Chủ tịch UBND phường")
    requirement = {r.content_kind + (f"-{r.frequency}" if r.content_kind == "budget" else ""): r
                   for r in DisclosureRequirement.objects.filter(ward=ward)}
    created = []

    def disclose(key, title, channel, posted_on, until=None, approved=True, permanent=False, period=None,
                 source_date=None, unit=ubnd, place="Bảng tin trụ sở UBND phường", kind=None):
        approved_on = posted_on - timedelta(days=1) if approved else None
        if posted_on > now:
            return None
        req = requirement.get(key)
        item = Disclosure.objects.create(
            unit=unit, requirement=req, content_kind=kind or (req.content_kind if req else key), title=title,
            channel=channel, place=place, posted_on=posted_on, posted_until=until if until and until <= now else None,
            is_permanent=permanent, approver=chairman if approved else None, approved_on=approved_on,
            period_start=period[0] if period else None, period_end=period[1] if period else None,
            source_date=source_date,
        )
        created.append(item)
        return item

    posting = DisclosureChannel.POSTING_COMMITTEE
    disclose(DisclosureContent.DEMOCRACY_RULES, "Quy chế thực hiện dân chủ ở cơ sở của phường; quy tắc ứng xử của "
             "cán bộ, công chức", posting, date(2024, 3, 1), permanent=True)
    disclose(DisclosureContent.ADMIN_PROCEDURES, "Bộ thủ tục hành chính thuộc thẩm quyền giải quyết của UBND phường",
             posting, date(2024, 1, 15), permanent=True, place="Bộ phận một cửa UBND phường")
    disclose(DisclosureContent.SOCIO_ECONOMIC, f"Kế hoạch phát triển kinh tế - xã hội năm {year}", posting,
             date(year, 1, 15), date(year, 2, 20), period=(date(year, 1, 1), date(year, 12, 31)))
    disclose("budget-yearly", f"Dự toán ngân sách phường năm {year} được HĐND phường quyết định", posting,
             date(year, 1, 10), date(year, 2, 15), period=(date(year, 1, 1), date(year, 12, 31)),
             source_date=date(year, 1, 5))
    quarters = [(1, date(year, 4, 8), True), (2, date(year, 7, 20), True), (3, date(year, 10, 10), False)]
    for quarter, posted_on, approved in quarters:
        start, end = periods.quarter_bounds(year, quarter)
        disclose("budget-quarterly", f"Tình hình thực hiện ngân sách phường quý {quarter}/{year}", posting, posted_on,
                 posted_on + timedelta(days=34), approved=approved, period=(start, end))
    disclose(DisclosureContent.MILITARY_SERVICE, f"Danh sách công dân gọi nhập ngũ năm {year}",
             DisclosureChannel.LOUDSPEAKER, date(year, 1, 20), date(year, 1, 23), place="Đài truyền thanh phường")
    disclose(DisclosureContent.SOCIAL_SUPPORT, "Danh sách hộ nghèo, hộ cận nghèo được hỗ trợ sửa chữa nhà ở",
             DisclosureChannel.POSTING_GROUP, date(year, 6, 5), date(year, 6, 20),
             unit=ward_units.get("tdp-2", ubnd), place="Nhà văn hóa Tổ dân phố số 2", source_date=date(year, 6, 3))
    disclose(DisclosureContent.RESIDENT_CONTRIBUTIONS, "Huy động Nhân dân đóng góp bê tông hóa ngõ 12 và kết quả "
             "sử dụng", DisclosureChannel.SOCIAL_NETWORK, date(year, 8, 6), date(year, 9, 10),
             place="Nhóm Zalo Tổ dân phố số 3", source_date=date(year, 8, 3))
    disclose(DisclosureContent.INSPECTION, f"Kết quả giải quyết khiếu nại, tố cáo 6 tháng đầu năm {year}", posting,
             date(year, 7, 10), date(year, 8, 15), period=(date(year, 1, 1), date(year, 6, 30)))

    # Citizen reception: every Thursday by the chairman, a few weeks by the deputy or missed.
    monday = date.fromisocalendar(year, 1, 1)
    week = 0
    while monday + timedelta(days=3) <= now:
        thursday = monday + timedelta(days=3)
        week += 1
        roll = rng.random()
        if thursday.year == year and roll > 0.06:
            by_chairman = roll > 0.12
            CitizenReception.objects.create(
                unit=ubnd, held_on=thursday, by_chairman=by_chairman, receiver=chairman if by_chairman else deputy,
                place="Phòng tiếp công dân UBND phường", citizens=rng.randint(0, 7), cases=rng.randint(0, 3),
                summary="Tiếp nhận kiến nghị về đất đai, vệ sinh môi trường, chính sách xã hội.",
            )
        monday += timedelta(days=7)

    # Petitions in every state.
    cadre = ensure_person(ubnd, "Hoàng Minh Đức", "Công chức Văn phòng – Thống kê (bộ phận một cửa)")
    petitions = [
        (date(year, 2, 26), PetitionKind.RECOMMENDATION, PetitionChannel.DIRECT, "Nguyễn Văn Bình",
         "Số 12 ngõ 5, Tổ dân phố số 2", "Kiến nghị sửa chữa hệ thống thoát nước ngõ 5", None, None,
         PetitionState.ANSWERED, 8),
        (date(year, 4, 2), PetitionKind.FEEDBACK, PetitionChannel.SOCIAL, "", "",
         "Phản ánh tình trạng đổ rác thải không đúng nơi quy định tại bờ kè", ward_units.get("tdp-3"), None,
         PetitionState.ANSWERED, 21),
        (date(year, 5, 14), PetitionKind.COMPLAINT, PetitionChannel.MAIL, "Trần Thị Hạnh",
         "Tổ dân phố số 1", "Khiếu nại việc xác định ranh giới thửa đất khi cấp giấy chứng nhận", ubnd, None,
         PetitionState.ANSWERED, 35),
        (date(year, 9, 3), PetitionKind.FEEDBACK, PetitionChannel.GROUP, "Lê Văn Tám", "Tổ dân phố số 4",
         "Phản ánh thái độ thiếu tôn trọng của cán bộ bộ phận một cửa", ubnd, cadre, PetitionState.IN_PROGRESS,
         None),
        (now - timedelta(days=6), PetitionKind.RECOMMENDATION, PetitionChannel.HOTLINE, "", "",
         "Kiến nghị lắp đèn chiếu sáng ngõ 18", None, None, PetitionState.RECEIVED, None),
    ]
    for received_on, kind, channel, name, address, subject, about_unit, about_cadre, state, answer_days in petitions:
        if received_on > now:
            continue
        answered_on = received_on + timedelta(days=answer_days) if answer_days else None
        if answered_on and answered_on > now:
            answered_on, state = None, PetitionState.IN_PROGRESS
        petition = Petition.objects.create(
            handling_unit=ubnd, received_on=received_on, kind=kind, channel=channel, sender_name=name,
            sender_address=address, sender_phone=f"09{rng.randint(10000000, 99999999)}" if name else "",
            subject=subject, about_unit=about_unit, about_cadre=about_cadre,
            due_on=legal_due_date(kind, received_on), state=state, answered_on=answered_on,
            result="Đã kiểm tra thực tế, giao bộ phận chuyên môn xử lý và trả lời công dân." if answered_on else "",
        )
        PetitionStep.objects.create(petition=petition, taken_on=received_on, unit=ubnd,
                                    action="Tiếp nhận, vào sổ và phân công xử lý.")
        if state != PetitionState.RECEIVED:
            PetitionStep.objects.create(petition=petition, taken_on=min(received_on + timedelta(days=3), now),
                                        unit=ubnd, action="Kiểm tra, xác minh tại thực địa.")

    groups = sorted((u for u in ward_units.values() if u.kind == "residential_group"), key=lambda u: u.order)
    violations = [
        (groups[-1] if groups else ubnd, date(year, 1, 20), ViolationSource.CHECK, "Điều 33 Luật 10/2022",
         f"Không tổ chức hội nghị cộng đồng dân cư cuối năm {year - 1}.", "Kiểm điểm rút kinh nghiệm Tổ trưởng "
         "và Chi bộ tổ dân phố; tổ chức bổ sung hội nghị.", date(year, 2, 28)),
        (ubnd, date(year, 6, 28), ViolationSource.SUPERVISION, "Điều 13 Luật 10/2022",
         "Niêm yết danh sách hộ được hỗ trợ sửa chữa nhà ở tại nhà văn hóa tổ dân phố chưa đủ 30 ngày liên tục.",
         "Yêu cầu niêm yết lại đủ thời gian; nhắc nhở cán bộ phụ trách.", None),
    ]
    for unit, found_on, source, article, description, measure, remedied_on in violations:
        if found_on > now:
            continue
        Violation.objects.create(unit=unit, found_on=found_on, source=source, article=article,
                                 description=description, measure=measure,
                                 remedied_on=remedied_on if remedied_on and remedied_on <= now else None)
    return created
