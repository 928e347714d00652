from app import __version__
from app.about import LIBRARIES, about_text


def test_about_names_version_and_every_bundled_library_with_its_licence():
    text = about_text()
    assert f"Reasonmap {__version__}" in text
    for name, _dist, licence in LIBRARIES:
        line = next(line for line in text.splitlines() if name in line)
        assert licence in line and "not found" not in line
