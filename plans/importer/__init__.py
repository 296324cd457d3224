"""Import a plan from the document officials already write (Word .docx, Markdown or plain text).

    lines = read_upload(name, data)          # files.py: type by content, then the line model (lines.py)
    data = read_plan(lines, catalogue)       # structure.py: header, title, basis, sections I–IV, tasks
    plans.loader.load_plan(data, ward)       # one transaction

Each task proposed carries ``flags`` (what could not be matched or read) and ``span`` (its lines in the
source), which the preview shows next to the source text; load_plan ignores both.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .files import UnreadableFile, read_upload
from .limits import ImportLimits, LimitExceeded
from .lines import Line, read_docx, read_text
from .structure import NotAPlan, read_plan
from .units import UnitCatalogue

__all__ = [
    "ImportLimits", "ImportResult", "LimitExceeded",
    "Line", "NotAPlan", "UnitCatalogue", "UnreadableFile", "describe_flag", "flag_level",
    "import_text", "import_upload", "read_docx", "read_plan", "read_text",
]


@dataclass
class ImportResult:
    data: dict
    lines: list
    source_format: str


def import_text(text, catalogue, markdown=True, today=None):
    """The plan data of a Markdown (or plain) text."""
    return read_plan(read_text(text, markdown=markdown), catalogue, today=today)


def import_upload(name, content, catalogue, today=None, limits=None):
    """Read an uploaded file into plan data. Raises UnreadableFile (with the reason in Vietnamese)."""
    lines, source_format = read_upload(name, content, limits=limits)
    try:
        data = read_plan(lines, catalogue, today=today, limits=limits)
    except LimitExceeded as exc:
        raise UnreadableFile(str(exc)) from exc
    except NotAPlan as exc:
        raise UnreadableFile(describe_not_a_plan(exc, name)) from exc
    return ImportResult(data, lines, source_format)


def _document_names():
    return {
        "report": _("một báo cáo"), "decision": _("một quyết định"), "letter": _("một công văn"),
        "resolution": _("một nghị quyết"), "notice": _("một thông báo"), "submission": _("một tờ trình"),
        "minutes": _("một biên bản"), "directive": _("một chỉ thị"), "guidance": _("một hướng dẫn"),
        "invitation": _("một giấy mời"),
    }


def describe_not_a_plan(exc, name):
    """Why the file ``name`` is not a plan, in the official's words: what it seems to be, or what it lacks."""
    if exc.reason == "other_document":
        return _("Tệp này là %(kind)s, không phải kế hoạch (dòng %(line)s: “%(title)s”). Hãy tải lên văn bản kế "
                 "hoạch, có tiêu đề “KẾ HOẠCH”.") % {
            "kind": _document_names().get(exc.kind, exc.kind), "line": exc.line, "title": exc.title[:120]}
    if exc.reason == "no_tasks":
        return _("Tệp “%(name)s” có tiêu đề “%(title)s” và các phần %(sections)s nhưng chưa có nhiệm vụ nào dưới các "
                 "phần đó. Hãy ghi các nhiệm vụ, giải pháp (đánh số 1., 1.1. hoặc gạch đầu dòng) trong phần “Nhiệm "
                 "vụ, giải pháp” hoặc “Tổ chức thực hiện” rồi tải lên lại.") % {
            "name": name, "title": exc.title[:200], "sections": "; ".join(f"“{s}”" for s in exc.sections)}
    if exc.reason == "no_sections":
        return _("Đã đọc được tệp “%(name)s” nhưng không thấy cấu trúc của một kế hoạch: có tiêu đề “%(title)s” nhưng "
                 "không có phần nào đánh số La Mã (I, II, III …) chứa các nhiệm vụ, giải pháp.") % {
            "name": name, "title": exc.title[:200]}
    return _("Đã đọc được tệp “%(name)s” nhưng không thấy cấu trúc của một kế hoạch: cần có tiêu đề “KẾ HOẠCH”, "
             "các phần đánh số La Mã (I, II, III …) và các nhiệm vụ, giải pháp đánh số hoặc gạch đầu dòng.") % {
        "name": name}


WARNING_KINDS = {"unknown_unit", "ambiguous_unit", "timing", "issuer_inferred", "issuer_missing", "year_inferred",
                 "section_unread", "section_skipped", "issuer_unmatched", "issuer_other_ward", "place_inferred",
                 "place_from_issuer"}


def flag_level(flag):
    """'warning' for what the official must look at, 'info' for how a proposal was made."""
    if flag["kind"] == "timing" and flag.get("reason") == "several":
        return "info"
    return "warning" if flag["kind"] in WARNING_KINDS else "info"


def describe_flag(flag, catalogue=None):
    """The flag in words, for the preview."""
    def name(key):
        return catalogue.name(key) if catalogue else key

    kind = flag["kind"]
    text = flag.get("text", "")
    if kind == "unknown_unit":
        message = _("Không khớp đơn vị: “%(text)s” không phải đơn vị nào của phường.") % {"text": text}
        if flag.get("replaced_by"):
            message += " " + _("Tạm đề xuất %(unit)s chủ trì; hãy chọn lại đơn vị chủ trì.") % {
                "unit": name(flag["replaced_by"])}
        else:
            message += " " + _("Hãy chọn đơn vị phối hợp tương ứng (nếu có).")
        return message
    if kind == "ambiguous_unit":
        return _("“%(text)s” có thể là nhiều đơn vị (%(units)s): hãy chọn đơn vị đúng.") % {
            "text": text, "units": ", ".join(name(k) for k in flag.get("options", []))}
    if kind == "owner_default":
        return _("Văn bản không nêu đơn vị thực hiện: đề xuất đơn vị chủ trì kế hoạch.")
    if kind == "derived":
        source = _("hạn chế") if flag.get("from") == "limitations" else _("nhiệm vụ trọng tâm")
        return _("Lấy từ %(source)s %(number)s vì nêu việc lặp lại định kỳ mà phần giải pháp không có.") % {
            "source": source, "number": flag.get("number", "")}
    if kind == "timing":
        reason = flag.get("reason")
        messages = {
            "invalid_date": _("Không đọc được thời hạn “%(text)s”: ngày không có thật. Hãy nhập lại hạn."),
            "invalid_month": _("Không đọc được thời hạn “%(text)s”: tháng không có thật. Hãy chọn lại."),
            "no_weekday": _("“%(text)s” không nói thứ mấy trong tuần: hãy chọn thứ."),
            "unsupported": _("“%(text)s”: tần suất này chưa có trong cổng (một lần, hằng tuần, hằng tháng, "
                             "hằng quý, hằng năm, trong một tháng): hãy chọn tần suất gần nhất."),
            "unreadable": _("Không đọc được thời hạn “%(text)s”: hãy nhập hạn hoặc tần suất."),
            "no_frequency": _("“%(text)s” không nói bao lâu một lần: tạm để không có hạn, hãy chọn tần suất "
                              "nếu cần."),
            "several": _("Văn bản nêu nhiều thời hạn; đã chọn “%(text)s”."),
        }
        return messages.get(reason, _("Không đọc được thời hạn “%(text)s”.")) % {"text": text}
    if kind == "place_inferred":
        return _("Văn bản không có dòng địa danh, ngày tháng: địa danh “%(text)s” lấy theo cơ quan ban hành "
                 "văn bản %(code)s.") % {"text": text, "code": flag.get("from", "")}
    if kind == "place_from_issuer":
        return _("Văn bản không có dòng địa danh, ngày tháng: địa danh “%(text)s” lấy theo tên cơ quan ban hành "
                 "(%(issuer)s).") % {"text": text, "issuer": flag.get("from", "")}
    if kind == "issuer_inferred":
        if flag.get("from") == "signature":
            return _("Phần đầu văn bản không ghi cơ quan ban hành: “%(text)s” lấy theo dòng ký thay mặt (T/M …). "
                     "Hãy kiểm tra lại.") % {"text": text}
        return _("Phần đầu văn bản không ghi cơ quan ban hành: “%(text)s” lấy theo câu mở đầu kế hoạch. Hãy kiểm "
                 "tra lại.") % {"text": text}
    if kind == "issuer_unmatched":
        return _("Cơ quan ban hành “%(text)s” không khớp đơn vị nào của phường: nhiệm vụ không nêu đơn vị thực hiện "
                 "được đề xuất cho %(unit)s. Hãy kiểm tra phường được chọn và đơn vị chủ trì.") % {
            "text": text, "unit": name(flag.get("owner", ""))}
    if kind == "issuer_other_ward":
        return _("Văn bản do “%(text)s” ban hành, không phải của %(ward)s đang nhập kế hoạch: hãy kiểm tra đã chọn "
                 "đúng phường.") % {"text": text, "ward": flag.get("ward", "")}
    if kind == "issuer_missing":
        return _("Không thấy cơ quan ban hành (ví dụ: ĐẢNG ỦY PHƯỜNG …, ỦY BAN NHÂN DÂN PHƯỜNG …): hãy nhập.")
    if kind == "year_inferred":
        if flag.get("from") == "issued_on":
            return _("Trích yếu không ghi năm: kế hoạch được coi là của năm %(text)s theo ngày ban hành. Hãy kiểm "
                     "tra thời gian thực hiện.") % {"text": text}
        return _("Trích yếu và ngày ban hành đều không ghi năm: tạm coi là kế hoạch năm %(text)s (năm nay). Hãy "
                 "kiểm tra thời gian thực hiện.") % {"text": text}
    if kind == "code_blank":
        return _("Số của kế hoạch còn để trống (“Số %(text)s”): văn bản có thể là bản chưa ban hành. Hãy nhập số "
                 "nếu đã có.") % {"text": text}
    if kind == "section_unread":
        return _("Phần “%(text)s” có nội dung nhưng không đọc được mục nào trong đó (cách đánh số chưa nhận ra): "
                 "hãy đối chiếu với văn bản gốc.") % {"text": text}
    if kind == "area_unclassified":
        return _("Nhóm nhiệm vụ “%(text)s” không thuộc lĩnh vực nào trong sáu lĩnh vực của kế hoạch dân vận: "
                 "được nhập là “Khác”.") % {"text": text}
    if kind == "code_missing":
        return _("Không thấy số, ký hiệu của kế hoạch (ví dụ: Số 15-KH/ĐU).")
    if kind == "issued_on_missing":
        return _("Không thấy ngày ban hành (dòng “…, ngày … tháng … năm …”).")
    if kind == "issued_on_unreadable":
        return _("Không đọc được ngày ban hành trong dòng “%(text)s”.") % {"text": text}
    if kind == "section_skipped":
        return _("Phần “%(text)s” không thuộc các phần được nhập (mục đích, hạn chế, nhiệm vụ, tổ chức thực hiện).") \
            % {"text": text}
    if kind == "derived_without_area":
        return _("“%(text)s” nêu việc định kỳ nhưng không xác định được nhóm nhiệm vụ tương ứng.") % {"text": text}
    if kind == "title_missing":
        return _("Không thấy trích yếu sau chữ “KẾ HOẠCH”.")
    return text or kind
