"""The form of every Party document the portal issues (báo cáo, tờ trình, giấy chứng nhận), written down once.

Hướng dẫn 36-HD/VPTW (Phụ lục) gives the header: the superior Party organisation ("ĐẢNG BỘ THÀNH PHỐ …") above
the issuing committee in bold, a "*" under it, the number line "Số 04-BC/ĐU"; on the right the motto
ĐẢNG CỘNG SẢN VIỆT NAM in bold and underlined, and the place and date in italics. Where the guidance leaves a
choice, the choice is made here and in ``templates/documents/`` and ``static/pdf/party-document.css``:

- sizes: motto 15 pt; superior, issuer, number and place/date 14 pt; body 14 pt;
- page numbers in Arabic figures at the top centre, from page 2 (page 1 carries none);
- a draft says "DỰ THẢO" on every page and prints no number, date or signer's name;
- the signature block is kept on the page of the body's last paragraph;
- a missing figure is written in words ("chưa có số liệu"), never as a dash.

The superior, issuer, place and signer come from the ward's document settings
(``organisations.DocumentSettings``), falling back to what the unit tree and the latest plan say; approval freezes
them into the document.
"""

DRAFT_MARK = "DỰ THẢO"
NO_DATA = "chưa có số liệu"

# Party committees ("Thành ủy Bắc Giang") and the Party organisations they lead ("Đảng bộ thành phố Bắc Giang").
_COMMITTEE_TO_ORGANISATION = (
    ("Thành ủy ", "Đảng bộ thành phố "),
    ("Tỉnh ủy ", "Đảng bộ tỉnh "),
    ("Huyện ủy ", "Đảng bộ huyện "),
    ("Quận ủy ", "Đảng bộ quận "),
    ("Thị ủy ", "Đảng bộ thị xã "),
)

# Nơi nhận of each kind of document, by its type code in the number line.
RECIPIENTS = {
    "BC": [
        "Ban Dân vận Thành ủy (b/c),",
        "Ban Thường vụ Đảng ủy,",
        "UBND, Ủy ban MTTQ phường,",
        "Các chi bộ, đoàn thể,",
        "Lưu Văn phòng Đảng ủy.",
    ],
    "TTr": ["Ban Thường vụ Thành ủy,", "Ban Dân vận Thành ủy,", "Lưu Văn phòng Đảng ủy."],
    "GCN": [],
}

HEADER_FIELDS = ("superior", "issuer", "place", "signer_name", "signer_title")


def party_organisation(committee_name):
    """The Party organisation a committee leads, as the superior line names it: "Thành ủy Bắc Giang" →
    "Đảng bộ thành phố Bắc Giang". A name that is already an organisation's (or unknown) is kept."""
    for committee, organisation in _COMMITTEE_TO_ORGANISATION:
        if committee_name.startswith(committee):
            return organisation + committee_name[len(committee) :]
    return committee_name


def ward_place(ward):
    """The ward as residents name it ("phường Hòa Bình"), from its Party Committee's name."""
    prefix = "Đảng ủy "
    return ward.name[len(prefix) :] if ward.name.startswith(prefix) else ward.name


def default_header(ward):
    """Today's values, used where the ward's document settings leave a field empty: the superior from the
    parent unit, the issuer from the ward's name, place and signer from the latest plan."""
    plan = ward.plans.order_by("-starts_on").first()
    return {
        "superior": party_organisation(ward.parent.name) if ward.parent_id else "",
        "issuer": ward.name,
        "place": (plan.place if plan else "") or ward_place(ward),
        "signer_name": plan.signer_name if plan else "",
        "signer_title": (plan.signer_title if plan else "") or "Bí thư",
    }


def live_header(ward):
    """The header a document issued now prints: the ward's document settings, each empty field filled from
    ``default_header``."""
    from organisations.models import DocumentSettings

    defaults = default_header(ward)
    settings = DocumentSettings.objects.filter(ward=ward).first()
    if settings is None:
        return defaults
    return {field: getattr(settings, field).strip() or defaults[field] for field in HEADER_FIELDS}


def party_date(day):
    """The date line's figures as Party documents write them: a zero before days under 10 and months 1 and 2
    ("ngày 05 tháng 02 năm 2024", "ngày 14 tháng 3 năm 2024")."""
    return {"day": f"{day.day:02d}", "month": f"{day.month:02d}" if day.month < 3 else str(day.month), "year": day.year}


def paragraphs(text):
    """The non-empty paragraphs of a narrative text, one per line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def document_context(header, *, draft=False, number_code="", doc_type="BC", day=None, year=None):
    """What the header and signature includes print (templates/documents/): upper-cased header lines, the
    number line, the date line, and whether the document is a draft (which prints no number, date or signer)."""
    return {
        "doc_superior": header["superior"].upper(),
        "doc_issuer": header["issuer"].upper(),
        "doc_place": header["place"],
        "doc_number": "" if draft else number_code,
        "doc_type": doc_type,
        "doc_recipients": RECIPIENTS.get(doc_type, []),
        "doc_date": None if draft or day is None else party_date(day),
        "doc_year": year,
        "doc_draft": draft,
        "doc_signer_name": "" if draft else header["signer_name"],
        "doc_signer_title": header["signer_title"].upper(),
        "draft_mark": DRAFT_MARK,
    }
