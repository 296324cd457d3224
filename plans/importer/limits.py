"""How much a plan import may read, parse and keep, each bound checked before the work it bounds.

A ward's plan is a few pages: the 2024 seed has 14.821 characters, 150 paragraphs (the longest 690 characters),
7 task groups and 25 tasks, and parses in 0,05 s. A file many times larger is not a plan (a whole year of
minutes, a plan pasted into itself), and reading it would tie a worker up for minutes: a 9,9 MB Markdown of
a few very long paragraphs took 66 s. Every bound is a setting (``PLAN_IMPORT_*``, see README) and every
refusal names the bound and what the file had, in the words an official uses.

    characters            the text after extraction (decoded Markdown, Word paragraphs), before it is read
    paragraph_characters  one paragraph, before any of them is read
    areas, tasks          the groups and tasks the structure pass finds, before units and timings are read
    seconds               reading units and timings, task by task
    preview_bytes         the preview kept on the server (the draft), before it is stored
"""

import time
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.limits import SettingsLimits
from core.numbers import number


class LimitExceeded(ValueError):
    """The document is larger than a plan may be; ``str(error)`` names the bound and what the file had."""


@dataclass(frozen=True)
class ImportLimits(SettingsLimits):
    setting_names = {"characters": "PLAN_IMPORT_MAX_CHARACTERS",
                     "paragraph_characters": "PLAN_IMPORT_MAX_PARAGRAPH_CHARACTERS",
                     "areas": "PLAN_IMPORT_MAX_AREAS", "tasks": "PLAN_IMPORT_MAX_TASKS",
                     "seconds": "PLAN_IMPORT_MAX_SECONDS", "preview_bytes": "PLAN_IMPORT_MAX_PREVIEW_BYTES"}

    characters: int
    paragraph_characters: int
    areas: int
    tasks: int
    seconds: float
    preview_bytes: int

    # ------------------------------------------------------------ the checks, each before its work
    def check_characters(self, count):
        if count > self.characters:
            raise LimitExceeded(
                _("Tệp có %(count)s ký tự, vượt giới hạn %(limit)s ký tự của một kế hoạch. Hãy chỉ tải lên văn bản "
                  "kế hoạch, không kèm phụ lục, biên bản hay tài liệu khác.")
                % {"count": number(count), "limit": number(self.characters)}
            )

    def check_paragraphs(self, lines):
        longest = max(lines, key=lambda line: len(line.text), default=None)
        if longest is not None and len(longest.text) > self.paragraph_characters:
            raise LimitExceeded(
                _("Đoạn văn ở dòng %(line)s có %(count)s ký tự, vượt giới hạn %(limit)s ký tự của một đoạn. Hãy "
                  "kiểm tra tệp: có thể nhiều đoạn bị dính liền thành một.")
                % {"line": number(longest.number), "count": number(len(longest.text)),
                   "limit": number(self.paragraph_characters)}
            )
        self.check_characters(sum(len(line.text) for line in lines))

    def check_structure(self, areas, tasks):
        if areas > self.areas:
            raise LimitExceeded(
                _("Tệp có %(count)s nhóm nhiệm vụ, vượt giới hạn %(limit)s nhóm của một kế hoạch.")
                % {"count": number(areas), "limit": number(self.areas)}
            )
        if tasks > self.tasks:
            raise LimitExceeded(
                _("Tệp có %(count)s nhiệm vụ, giải pháp, vượt giới hạn %(limit)s nhiệm vụ của một kế hoạch. Hãy "
                  "tách thành nhiều kế hoạch hoặc chỉ giữ các nhiệm vụ của kế hoạch này.")
                % {"count": number(tasks), "limit": number(self.tasks)}
            )

    def deadline(self):
        return Deadline(self.seconds)

    def check_preview(self, size):
        if size > self.preview_bytes:
            raise LimitExceeded(
                _("Bản xem trước của tệp này dài %(size)s KB, vượt giới hạn %(limit)s KB. Hãy rút gọn văn bản "
                  "(bỏ phụ lục, bảng biểu kèm theo) rồi tải lên lại.")
                % {"size": number(-(-size // 1024)), "limit": number(self.preview_bytes // 1024)}
            )


class Deadline:
    """Reading a plan's units and timings may take at most ``seconds``; checked after each task."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.started = time.monotonic()

    def check(self, done, total):
        if time.monotonic() - self.started > self.seconds:
            raise LimitExceeded(
                _("Đọc tệp quá %(limit)s giây (mới đọc được %(done)s trong %(total)s nhiệm vụ), vượt giới hạn thời "
                  "gian đọc một kế hoạch. Hãy rút gọn văn bản rồi tải lên lại.")
                % {"limit": number(self.seconds), "done": number(done), "total": number(total)}
            )
