from included.language.checking import check_text


def sentences_of(text):
    report = check_text(text)
    return [text[sentence.start : sentence.end] for sentence in report.sentences]


def test_full_stops_question_and_exclamation_marks_end_sentences():
    assert sentences_of("We help. Do you? Yes!") == ["We help.", "Do you?", "Yes!"]


def test_titles_and_examples_do_not_end_a_sentence():
    text = "Dr. Patel met us, e.g. at the library. Then we left."
    assert sentences_of(text) == ["Dr. Patel met us, e.g. at the library.", "Then we left."]


def test_decimals_do_not_end_a_sentence():
    assert sentences_of("It costs 3.5 pounds. That is fair.") == ["It costs 3.5 pounds.", "That is fair."]


def test_headings_and_list_items_on_their_own_lines_are_sentences():
    text = "What we do\nWe help people find work\n- we listen\n- we act"
    assert sentences_of(text) == ["What we do", "We help people find work", "we listen", "we act"]


def test_a_wrapped_line_carries_on_its_sentence():
    text = "We help people who want to\nfind work near where they live."
    assert sentences_of(text) == [text]


def test_a_blank_line_always_ends_a_sentence():
    assert sentences_of("No full stop here\n\nnext part") == ["No full stop here", "next part"]


def test_html_blocks_end_sentences_even_without_full_stops():
    report = check_text("<h2>About us</h2><p>We help people</p><ul><li>one</li><li>two</li></ul>")
    assert report.scores.sentences == 4
