"""ΑΦΜ normalisation and check digit."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from epimorfosi_platform.afm import (
    InvalidAfm,
    afm_check_digit,
    is_valid_afm,
    normalize_afm,
    validate_afm,
)

WEIGHTS: list[int] = [1 << (8 - i) for i in range(8)]  # 256, 128, ..., 2


def remainder(afm: str) -> int:
    return sum(int(d) * w for d, w in zip(afm[:8], WEIGHTS)) % 11


def with_check_digit(first_eight: str) -> str:
    return first_eight + str(afm_check_digit(first_eight))


eight_digits = st.text(alphabet="0123456789", min_size=8, max_size=8)
valid_afms = eight_digits.map(with_check_digit).filter(lambda a: a != "000000000")


# -- known values ----------------------------------------------------------------


@pytest.mark.parametrize(
    "afm",
    [
        "090000045",  # the Greek state (Ελληνικό Δημόσιο)
        "100000015",
        "123456783",
        "024681354",  # leading zero kept
        "070000005",
        "876543210",  # weighted sum 3586 = 326 * 11: remainder 0 -> check digit 0
        "700019940",  # remainder 10 -> check digit 0 as well
    ],
)
def test_known_valid(afm: str) -> None:
    assert validate_afm(afm) == afm
    assert is_valid_afm(afm)


def test_check_digit_of_the_state_afm() -> None:
    # 9*128 + 4*2 = 1160; 1160 % 11 = 5
    assert afm_check_digit("09000004") == 5


def test_remainders_0_and_10_both_give_check_digit_0() -> None:
    assert (remainder("876543210"), remainder("700019940")) == (0, 10)


@pytest.mark.parametrize("afm", ["090000046", "123456789", "100000010", "876543211"])
def test_wrong_check_digit(afm: str) -> None:
    assert not is_valid_afm(afm)
    with pytest.raises(InvalidAfm) as info:
        validate_afm(afm)
    assert info.value.code == "afm.check_digit"
    assert info.value.message.startswith("Μη έγκυρος ΑΦΜ: ")


def test_all_zero_is_invalid_although_its_check_digit_matches() -> None:
    assert afm_check_digit("00000000") == 0
    with pytest.raises(InvalidAfm) as info:
        validate_afm("000000000")
    assert info.value.code == "afm.zero"
    assert not is_valid_afm("000000000")


@pytest.mark.parametrize(
    "raw",
    [
        "09000004",  # 8 digits: no guessing of a leading zero
        "0900000450",
        "",
        "   ",
        "09000004Χ",
        "EL090000045",
        "09000004-5",
        "٠٩٠٠٠٠٠٤٥",  # Arabic-Indic digits are str.isdigit() but not an ΑΦΜ
        "０９００００００４５",  # full-width digits
    ],
)
def test_format_errors(raw: str) -> None:
    with pytest.raises(InvalidAfm) as info:
        normalize_afm(raw)
    assert info.value.code in {"afm.format", "afm.empty"}
    assert str(info.value).startswith("Μη έγκυρος ΑΦΜ: ")
    assert not is_valid_afm(raw)


@pytest.mark.parametrize("raw", [" 090000045", "090000045   ", "\t090 000 045\n", "090\u00a0000\u00a0045"])
def test_whitespace_is_removed(raw: str) -> None:
    assert normalize_afm(raw) == "090000045"
    assert validate_afm(raw) == "090000045"
    assert is_valid_afm(raw)


def test_normalize_does_not_check_the_check_digit() -> None:
    assert normalize_afm("123456789") == "123456789"


@pytest.mark.parametrize("value", [None, 90000045, b"090000045", 9.0])
def test_non_strings(value: object) -> None:
    assert not is_valid_afm(value)
    with pytest.raises(InvalidAfm):
        normalize_afm(value)  # type: ignore[arg-type]


def test_invalid_afm_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        validate_afm("1")


@pytest.mark.parametrize("bad", ["1234567", "123456789", "1234567a", ""])
def test_check_digit_helper_requires_eight_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        afm_check_digit(bad)


# -- properties ----------------------------------------------------------------


@given(eight_digits)
def test_computed_check_digit_always_validates(first_eight: str) -> None:
    afm = with_check_digit(first_eight)
    assume(afm != "000000000")
    assert is_valid_afm(afm)
    assert validate_afm(afm) == afm


@given(valid_afms, st.integers(0, 7), st.integers(1, 9))
def test_single_digit_change_changes_the_weighted_remainder(
    afm: str, position: int, delta: int
) -> None:
    """All weights 2^k are invertible mod 11, so one changed digit always moves the remainder."""
    changed = afm[:position] + str((int(afm[position]) + delta) % 10) + afm[position + 1 :]
    assert remainder(changed) != remainder(afm)


@given(valid_afms, st.integers(1, 9))
def test_changing_the_check_digit_always_invalidates(afm: str, delta: int) -> None:
    changed = afm[:8] + str((int(afm[8]) + delta) % 10)
    assert not is_valid_afm(changed)


@given(valid_afms, st.integers(0, 8), st.integers(1, 9))
def test_single_digit_change_invalidates_except_the_0_10_collision(
    afm: str, position: int, delta: int
) -> None:
    """The strong claim ("any one-digit change invalidates") is false for this algorithm.

    Remainders 0 and 10 both give check digit 0, so the only undetected one-digit
    errors are those that move the remainder between 0 and 10.
    """
    changed = afm[:position] + str((int(afm[position]) + delta) % 10) + afm[position + 1 :]
    if is_valid_afm(changed):
        assert afm[8] == "0"
        assert {remainder(afm), remainder(changed)} == {0, 10}
    if afm[8] != "0":
        assert not is_valid_afm(changed)


def test_the_strong_single_digit_claim_is_really_false() -> None:
    """Documented counter-example, so nobody "fixes" the property test back."""
    original, typo = "000019940", "700019940"
    assert is_valid_afm(original) and is_valid_afm(typo)
    assert (remainder(original), remainder(typo)) == (0, 10)


@given(st.text(max_size=20))
def test_is_valid_afm_never_raises_and_agrees_with_validate(raw: str) -> None:
    result = is_valid_afm(raw)
    try:
        validate_afm(raw)
    except InvalidAfm:
        assert result is False
    else:
        assert result is True
