"""Test data helpers shared by the democracy tests and others."""


from democracy.models import Disclosure, DisclosureChannel, DisclosureContent


def make_disclosure(unit, posted_on, until=None, approved_on=None, kind=DisclosureContent.BUDGET,
                    channel=DisclosureChannel.POSTING_COMMITTEE, **extra):
    return Disclosure.objects.create(unit=unit, content_kind=kind, channel=channel, posted_on=posted_on,
                                     posted_until=until, approved_on=approved_on,
                                     title=extra.pop("title", "Tình hình thực hiện ngân sách"), **extra)
