"""The shipped 2024 plan, read by the importer from its text (plans/data/ke-hoach-dan-van-2024.md).

Everything comes from the text: header parts, basis, limitations, focus tasks, areas, every task with its
units and timing. The importer proposes each task's title from the first clause of its solution (the text gives
none), which an official edits in the preview before saving. For the shipped seed only, the titles officials
reviewed (plans/data/ke-hoach-dan-van-2024.json, matched by the task's place in the text) replace the proposals:
the demo ward's pages and the tests know the tasks by those names. An uploaded plan keeps the proposals.
"""

import copy
import json
from functools import lru_cache
from pathlib import Path

from .lines import read_text
from .structure import read_plan
from .units import UnitCatalogue

DATA = Path(__file__).resolve().parent.parent / "data"
SEED_TEXT = DATA / "ke-hoach-dan-van-2024.md"
SEED_REVIEWED = DATA / "ke-hoach-dan-van-2024.json"


def apply_reviewed_titles(data, reviewed):
    """Give each task the title the reviewed data gives the task from the same place of the text."""
    titles = {task["source"]: task["title"] for area in reviewed["areas"] for task in area["tasks"]}
    for area in data["areas"]:
        for task in area["tasks"]:
            task["title"] = titles.get(task["source"], task["title"])
    return data


@lru_cache(maxsize=1)
def _imported():
    return read_plan(read_text(SEED_TEXT.read_text(encoding="utf-8")), UnitCatalogue.demo())


def import_seed_plan(reviewed=None):
    """The seed plan's data, as plans.loader.load_plan takes it (a fresh copy on every call)."""
    data = copy.deepcopy(_imported())
    if reviewed is None:
        reviewed = json.loads(SEED_REVIEWED.read_text(encoding="utf-8"))
    from ..bindings import propose_bindings

    # The reviewed titles name the work more precisely than the proposed ones: propose the bindings again.
    return propose_bindings(apply_reviewed_titles(data, reviewed), replace=True)
