"""The purchasers table through the API: search, filter by state, sort, paginate."""

from __future__ import annotations

from tests.http_scenarios import Closing

TABLE = "/api/v1/offerings/neotherapeutics-2002/purchasers"


def names(closing: Closing, query: str) -> list[str]:
    response = closing.client("viewer").get(f"{TABLE}?{query}")
    assert response.status_code == 200, response.text
    return [p["name"] for p in response.json()["data"]]


def test_the_table_pages_through_every_purchaser(closing: Closing) -> None:
    client = closing.client("viewer")
    first = client.get(f"{TABLE}?per_page=2").json()
    second = client.get(f"{TABLE}?per_page=2&page=2").json()
    assert (first["count"], first["pages"], first["page"], first["per_page"]) == (3, 2, 1, 2)
    assert [p["id"] for p in first["data"] + second["data"]] == [1, 2, 3]


def test_a_page_past_the_end_is_empty_not_an_error(closing: Closing) -> None:
    body = closing.client("viewer").get(f"{TABLE}?page=9").json()
    assert (body["data"], body["count"]) == ([], 3)


def test_search_matches_part_of_the_name_or_email_in_any_case(closing: Closing) -> None:
    assert names(closing, "search=BETA") == ["Beta Partners"]
    assert names(closing, "search=alpha.example") == ["Alpha Fund"]
    assert names(closing, "search=nobody") == []


def test_the_state_filter_keeps_purchasers_in_that_state(closing: Closing) -> None:
    assert names(closing, "state=new") == ["Gamma Trust"]
    assert names(closing, "state=agreement_generated") == ["Alpha Fund", "Beta Partners"]


def test_sorting_by_shares_either_way(closing: Closing) -> None:
    assert names(closing, "sort=shares") == ["Gamma Trust", "Beta Partners", "Alpha Fund"]
    assert names(closing, "sort=shares&order=desc") == [
        "Alpha Fund",
        "Beta Partners",
        "Gamma Trust",
    ]


def test_every_money_value_in_the_table_is_a_two_decimal_string(closing: Closing) -> None:
    body = closing.client("viewer").get(TABLE).json()
    assert [p["purchase_price"] for p in body["data"]] == ["2000000.00", "500000.00", "10000.00"]


def test_an_unknown_sort_or_state_is_refused_with_422(closing: Closing) -> None:
    client = closing.client("viewer")
    refused = client.get(f"{TABLE}?sort=price&state=asleep")
    assert refused.status_code == 422
    assert "sort must be one of" in refused.json()["detail"]
    assert "state must be one of" in refused.json()["detail"]
    assert client.get(f"{TABLE}?per_page=501").status_code == 422
