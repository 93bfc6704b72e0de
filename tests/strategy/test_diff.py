"""Versions are compared word by word, with changes marked by more than colour."""

from django.utils import translation

from strategy.diff import word_diff


def test_it_marks_inserted_and_deleted_words():
    diff = word_diff("territórios inteligentes e sustentáveis", "territórios inteligentes e coesos")
    assert "<del>" in diff.inline and "sustentáveis" in diff.inline
    assert "<ins>" in diff.inline and "coesos" in diff.inline
    assert (diff.insertions, diff.deletions) == (1, 1)


def test_changes_carry_a_text_label_for_screen_readers():
    with translation.override("pt-pt"):
        diff = word_diff("a b", "a c")
    assert "[eliminado:" in diff.inline
    assert "[inserido:" in diff.inline


def test_side_by_side_puts_deletions_left_and_insertions_right():
    diff = word_diff("um dois", "um três")
    assert "dois" in diff.old and "três" not in diff.old
    assert "três" in diff.new and "dois" not in diff.new


def test_identical_texts_have_no_changes():
    assert not word_diff("igual", "igual").has_changes


def test_it_escapes_what_people_wrote():
    diff = word_diff("<b>", "<script>")
    assert "<script>" not in diff.inline
    assert "script" in diff.inline
    assert "&lt;" in diff.inline
