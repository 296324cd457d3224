import pytest


@pytest.fixture
def pdftotext():
    import shutil
    import subprocess

    path = shutil.which("pdftotext")
    assert path, "pdftotext (poppler-utils) is missing: run scripts/setup --test"

    def run(data):
        return subprocess.run([path, "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()

    return run
