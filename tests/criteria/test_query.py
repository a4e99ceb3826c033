"""The URL codec: round trips, and every kind of bad parameter dropped with a note."""
from __future__ import annotations

from hypothesis import given, strategies as st

from criteria.query import MAX_ITEMS, MAX_VALUE_CHARS, ViewState, decode, encode

CRITERIA = ["performance", "async_support", "api_docs", "learning_curve"]
OPTIONS = ["flask", "fastapi", "django"]
PROFILES = ["balanced", "ml-serving-api"]


def read(params: dict) -> tuple[ViewState, list[str]]:
    parsed = decode(params, criteria=CRITERIA, options=OPTIONS, profiles=PROFILES)
    return parsed.state, parsed.notes


def test_full_state_round_trips() -> None:
    state = ViewState(
        profile="ml-serving-api",
        weights={"performance": 6, "api_docs": 10},
        must_have={"api_docs": 3.5},
        options=("fastapi", "flask"),
    )
    back, notes = read(encode(state, all_options=OPTIONS))
    assert notes == []
    assert back == state


def test_zero_weights_are_left_out_and_read_back_as_absent() -> None:
    params = encode(ViewState(weights={"performance": 0, "api_docs": 4}))
    assert params == {"w": "api_docs:4"}
    back, _ = read(params)
    assert back.weights == {"api_docs": 4}


def test_all_options_selected_leaves_opt_out() -> None:
    assert "opt" not in encode(ViewState(options=("django", "flask", "fastapi")), all_options=OPTIONS)
    assert encode(ViewState(options=("django",)), all_options=OPTIONS)["opt"] == "django"


def test_absent_parameters_mean_defaults() -> None:
    state, notes = read({})
    assert state == ViewState() and notes == []


@given(
    weights=st.dictionaries(st.sampled_from(CRITERIA), st.integers(0, 10)),
    must=st.dictionaries(st.sampled_from(CRITERIA), st.sampled_from([0.5, 1, 2.5, 3, 4, 5])),
    options=st.lists(st.sampled_from(OPTIONS), min_size=1, unique=True),
)
def test_round_trip_property(weights: dict, must: dict, options: list) -> None:
    state = ViewState(weights=weights, must_have=must, options=tuple(options))
    back, notes = read(encode(state))
    assert notes == []
    kept = {c: v for c, v in weights.items() if v > 0}
    assert back.weights == kept  # an empty 'w=' reads back as "every weight 0"
    assert back.must_have == ({c: float(v) for c, v in must.items()} if must else None)
    assert back.options == tuple(options)


def test_unknown_parameter_is_reported_and_ignored() -> None:
    state, notes = read({"musts": "performance:3", "w": "api_docs:2"})
    assert state.weights == {"api_docs": 2} and state.must_have is None
    assert len(notes) == 1 and "'musts'" in notes[0] and "Did you mean 'must'" in notes[0]


def test_unknown_criterion_suggests_the_closest() -> None:
    state, notes = read({"w": "perfomance:8,api_docs:5"})
    assert state.weights == {"api_docs": 5}
    assert "perfomance" in notes[0] and "Did you mean 'performance'" in notes[0]


def test_bad_numbers_are_dropped_one_by_one() -> None:
    state, notes = read({"w": "performance:abc,api_docs:11,learning_curve:-1,async_support:nan,performance:7"})
    # Issue 16, item 2: a weight off the 0-10 scale is clamped to it (with a note), not dropped.
    assert state.weights == {"performance": 7, "api_docs": 10, "learning_curve": 0}
    assert len(notes) == 4
    assert any("'abc' is not a number" in n for n in notes)
    assert any("'api_docs:11'" in n and "set to 10" in n for n in notes)
    assert any("'learning_curve:-1'" in n and "set to 0" in n for n in notes)
    assert sum("between 0 and 10" in n for n in notes) == 1  # nan


def test_beside_a_profile_zeros_are_written() -> None:
    """Issue 16, item 1: with a profile, unlisted criteria keep the profile's values, so zeros must be said."""
    state = ViewState(profile="balanced", weights={"performance": 0, "api_docs": 4},
                      must_have={"api_docs": 0.0, "performance": 3.0})
    params = encode(state)
    assert params["w"] == "performance:0,api_docs:4" and params["must"] == "api_docs:0,performance:3"
    back, notes = read(params)
    assert notes == [] and back.weights == {"performance": 0, "api_docs": 4}


def test_entry_without_colon() -> None:
    state, notes = read({"w": "performance,api_docs:3"})
    assert state.weights == {"api_docs": 3}
    assert "criterion:number" in notes[0]


def test_fractional_weight_is_rounded_with_a_note() -> None:
    state, notes = read({"w": "performance:7.6"})
    assert state.weights == {"performance": 8}
    assert "rounded to 8" in notes[0]


def test_no_usable_weight_falls_back_to_profile() -> None:
    state, notes = read({"w": "nope:3", "profile": "balanced"})
    assert state.weights is None and state.profile == "balanced"
    assert any("profile's weights" in n for n in notes)


def test_must_have_range_is_the_rating_scale() -> None:
    state, notes = read({"must": "api_docs:6,performance:4.5"})
    assert state.must_have == {"performance": 4.5}
    assert "between 0 and 5" in notes[0]


def test_unknown_profile_and_options() -> None:
    state, notes = read({"profile": "ml-serving", "opt": "flask,flsk,flask"})
    assert state.profile is None and state.options == ("flask",)
    joined = " ".join(notes)
    assert "Did you mean 'ml-serving-api'" in joined
    assert "'flsk'" in joined and "listed twice" in joined


def test_no_usable_option_means_all() -> None:
    state, notes = read({"opt": "spring,rails"})
    assert state.options is None
    assert notes[-1].startswith("No usable option")


def test_repeated_parameter_keeps_the_last() -> None:
    state, notes = read({"profile": ["balanced", "ml-serving-api"]})
    assert state.profile == "ml-serving-api"
    assert "appears 2 times" in notes[0]


def test_lengths_are_bounded() -> None:
    state, notes = read({"w": "performance:1," * (MAX_VALUE_CHARS // 14 + 1)})
    assert state.weights is None and "limit" in notes[0]
    many = ",".join(["flask"] * (MAX_ITEMS + 5))
    state, notes = read({"opt": many})
    assert state.options == ("flask",)
    assert any(f"only the first {MAX_ITEMS}" in n for n in notes)


@given(st.dictionaries(st.text(max_size=12), st.one_of(st.text(max_size=60), st.lists(st.text(max_size=20), max_size=3)), max_size=6))
def test_never_raises(params: dict) -> None:
    parsed = decode(params, criteria=CRITERIA, options=OPTIONS, profiles=PROFILES)
    st_ = parsed.state
    assert st_.weights is None or all(0 <= v <= 10 and c in CRITERIA for c, v in st_.weights.items())
    assert st_.options is None or set(st_.options) <= set(OPTIONS)


# ------------------------------------------------------------------ meeting mode (issue 7)

from criteria.query import MAX_PEOPLE, Person, name_problem  # noqa: E402


def test_people_round_trip() -> None:
    people = (
        Person("Priya (tech lead)", "decision-maker", (("performance", 9), ("api_docs", 7))),
        Person("Tom", "consulted", (("learning_curve", 10),)),
        Person("Olu", "informed", ()),
    )
    state = ViewState(people=people, aggregation="geometric", must_have={"api_docs": 3})
    params = encode(state)
    assert "w" not in params and params["agg"] == "geometric"
    back, notes = read(params)
    assert notes == []
    assert back.people == people and back.aggregation == "geometric"


def test_arithmetic_is_the_default_and_left_out() -> None:
    assert "agg" not in encode(ViewState(people=(Person("A"),), aggregation="arithmetic"))


def test_bad_people_are_dropped_with_notes() -> None:
    value = "Priya~boss~performance:9|~consulted~api_docs:2|Tom~consulted|Priya~consulted~api_docs:1|Ann~informed~perf:3"
    state, notes = read({"p": value, "agg": "median"})
    assert [p.name for p in state.people] == ["Priya", "Ann"]
    assert state.people[0].role == "decision-maker"  # unknown role 'boss' taken as decision-maker
    assert state.people[1].weights == ()  # 'perf' is not a criterion
    joined = " ".join(notes)
    for expected in ("unknown role 'boss'", "cannot be empty", "expected name~role~weights",
                     "second person named 'Priya'", "'perf'", "aggregation 'median'"):
        assert expected in joined, expected
    assert state.aggregation is None


def test_people_count_is_bounded() -> None:
    value = "|".join(f"P{i}~consulted~api_docs:1" for i in range(MAX_PEOPLE + 3))
    state, notes = read({"p": value})
    assert len(state.people) == MAX_PEOPLE and any("limit" in n for n in notes)


def test_no_usable_person_turns_meeting_mode_off() -> None:
    state, notes = read({"p": "~~"})
    assert state.people is None and "meeting mode is off" in notes[-1]


def test_name_rules() -> None:
    assert name_problem("Priya") is None
    assert "'~'" in name_problem("a~b") and "'|'" in name_problem("a|b") and "empty" in name_problem("  ")
    assert "at most" in name_problem("x" * 61)


def test_python_requirement_round_trips_and_a_bad_one_is_noted() -> None:
    from criteria.pyversions import PYTHON_MINORS

    for minor in PYTHON_MINORS:
        params = encode(ViewState(python=minor))
        assert params == {"py": minor}
        assert decode(params, criteria=[], options=[], profiles=[]).state.python == minor
    assert "py" not in encode(ViewState())
    for bad in ("2.7", "3.8", "3", "latest", "3.9.1"):
        parsed = decode({"py": bad}, criteria=[], options=[], profiles=[])
        assert parsed.state.python is None
        assert any("URL parameter 'py'" in n and "3.9" in n for n in parsed.notes), (bad, parsed.notes)
