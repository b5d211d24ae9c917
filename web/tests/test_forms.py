"""problem+json → the error summary's lines."""
from web_client.api_client import ApiProblem
from web_client.forms import errors_from_problem


def test_field_errors_by_location_and_nested_fields():
    problem = ApiProblem(422, {"detail": "Ελέγξτε τα πεδία.", "errors": {"json": {
        "capacity": ["Η δυναμικότητα πρέπει να είναι από 1 έως 1000."],
        "windows": {"closes_at": ["Λάθος."]}, "_schema": ["Η λήξη είναι πριν από την έναρξη."]}}})
    errors = errors_from_problem(problem)
    assert errors.fields == {"capacity": ["Η δυναμικότητα πρέπει να είναι από 1 έως 1000."],
                             "windows.closes_at": ["Λάθος."]}
    assert errors.general == ["Η λήξη είναι πριν από την έναρξη."]
    assert errors.summary({"capacity": "Δυναμικότητα"}) == [
        (None, "Η λήξη είναι πριν από την έναρξη."),
        ("capacity", "Δυναμικότητα: Η δυναμικότητα πρέπει να είναι από 1 έως 1000."),
        ("windows.closes_at", "windows.closes_at: Λάθος.")]


def test_a_problem_without_fields_is_one_general_line():
    errors = errors_from_problem(ApiProblem(409, {"title": "Σύγκρουση", "detail": "Η περίοδος υπάρχει ήδη."}))
    assert errors.fields == {} and errors.general == ["Η περίοδος υπάρχει ήδη."]
