"""Versions are compared word by word, with changes marked by more than colour."""

import pytest
from django.utils import translation

from core.diff import MAX_DIFF_LENGTH, DiffTooLarge, text_diff, word_diff


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


# --- Markdown texts, paragraph by paragraph --------------------------------------------------


def test_a_formatted_diff_renders_headings_and_bold_instead_of_markup():
    diff = text_diff("## Visão\n\nTexto **forte** aqui.", "## Visão geral\n\nTexto **forte** ali.")
    assert "<h2>" in diff.inline and "<strong>forte</strong>" in diff.inline
    assert "**" not in diff.inline and "##" not in diff.inline


def test_the_markdown_switch_shows_the_source_with_the_same_marks():
    diff = text_diff("Texto **forte** aqui.", "Texto **forte** ali.")
    assert "**forte**" in diff.source
    assert "<del>" in diff.source and "<ins>" in diff.source


def test_a_paragraph_rewritten_for_the_most_part_shows_old_struck_and_new_inserted():
    old = "O grupo reúne mensalmente na sede da agência em Lisboa."
    new = "As cidades partilham dados abertos através de plataformas interoperáveis."
    diff = text_diff(f"Intro.\n\n{old}", f"Intro.\n\n{new}")
    deleted = diff.inline.index('<div class="diff-block diff-del">')
    inserted = diff.inline.index('<div class="diff-block diff-ins">')
    assert deleted < inserted
    assert old in diff.inline[deleted:inserted] and new in diff.inline[inserted:]


def test_a_paragraph_slightly_changed_marks_only_the_changed_words():
    diff = text_diff(
        "Os territórios inteligentes e sustentáveis do país.",
        "Os territórios inteligentes e coesos do país.",
    )
    assert "diff-block" not in diff.inline
    assert (diff.insertions, diff.deletions) == (1, 1)


def test_unchanged_paragraphs_are_shown_without_marks():
    diff = text_diff("Um.\n\nDois.\n\nTrês.", "Um.\n\nDois mudado.\n\nTrês.")
    assert "<p>Um.</p>" in diff.inline and "<p>Três.</p>" in diff.inline


def test_a_new_list_item_keeps_the_list():
    diff = text_diff("- um\n- dois", "- um\n- dois\n- três")
    assert diff.inline.count("<li>") == 3
    assert "três" in diff.inline.split("<li>")[3]


def test_the_diff_escapes_what_people_wrote():
    diff = text_diff("texto", "texto <script>alert(1)</script>")
    assert "<script>" not in diff.inline and "<script>" not in diff.source


def test_input_past_the_limit_is_refused():
    with pytest.raises(DiffTooLarge) as refused:
        text_diff("a" * (MAX_DIFF_LENGTH + 1), "b")
    assert refused.value.code == "diff_too_large"


def test_a_kept_comparison_is_the_comparison():
    from core.diff import text_diff_kept

    old, new = "Visão\n\nTerritórios coesos.", "Visão\n\nTerritórios **abertos**."
    for _ in range(2):  # made, then served from the cache
        kept = text_diff_kept(old, new)
        fresh = text_diff(old, new)
        assert (kept.inline, kept.source, kept.old, kept.new) == (
            fresh.inline,
            fresh.source,
            fresh.old,
            fresh.new,
        )
        assert (kept.insertions, kept.deletions) == (fresh.insertions, fresh.deletions)


def test_two_languages_do_not_share_a_kept_comparison():
    from core.diff import text_diff_kept

    with translation.override("pt-pt"):
        portuguese = text_diff_kept("a b", "a c")
    with translation.override("en"):
        english = text_diff_kept("a b", "a c")
    assert "[inserido:" in portuguese.inline and "[inserted:" not in portuguese.inline
    assert "[inserted:" in english.inline and "[inserido:" not in english.inline


def test_a_kept_comparison_still_refuses_texts_too_long():
    from core.diff import text_diff_kept

    with pytest.raises(DiffTooLarge):
        text_diff_kept("a" * (MAX_DIFF_LENGTH + 1), "b")
