"""Reading a closing through the API: offerings, status, purchasers, events, audit."""

from __future__ import annotations

import re

from tests.http_scenarios import Closing

SLUG = "neotherapeutics-2002"
MONEY = re.compile(r"^[0-9]+\.[0-9]{2}$")


def test_offerings_are_listed_with_their_prices_as_text(closing: Closing) -> None:
    body = closing.client("viewer").get("/api/v1/offerings").json()
    assert body["count"] == 1
    assert body["data"][0] | {"id": 0} == {
        "id": 0,
        "slug": SLUG,
        "issuer_name": "NeoTherapeutics, Inc.",
        "security_name": "common stock",
        "agreement_date": "2002-03-12",
        "price_per_share": "2.00",
        "exercise_price": "2.75",
        "currency": "USD",
    }


def test_an_offering_shows_its_terms_including_the_warrant_coverage(closing: Closing) -> None:
    body = closing.client("viewer").get(f"/api/v1/offerings/{SLUG}").json()
    terms = body["terms"]
    assert (terms["warrant_coverage"], terms["close_of_business"]) == ("0.25", "17:00")
    assert terms["wire"]["aba_routing_number"] == "021000021"
    assert terms["company_notice"]["attention"] == "Samuel Gulko"


def test_an_unknown_offering_is_404_with_the_refusal(closing: Closing) -> None:
    response = closing.client("viewer").get("/api/v1/offerings/no-such-deal/status")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "no offering 'no-such-deal' in this database",
        "problems": [],
    }


def test_the_status_gives_money_as_two_decimal_strings(closing: Closing) -> None:
    body = closing.client("viewer").get(f"/api/v1/offerings/{SLUG}/status").json()
    assert body["money"] == {"committed": "2510000.00", "signed": "0.00", "funded": "0.00"}
    assert all(MONEY.match(value) for value in body["money"].values())
    assert body["totals"] == {"purchasers": 3, "shares": 1_255_000, "warrant_shares": 313_750}
    assert body["checklist"]["agreement_generated"] == 2
    assert body["states"]["new"] + body["states"]["agreement_generated"] == 3


def test_the_status_gives_the_close_of_business_in_the_issuers_zone(closing: Closing) -> None:
    body = closing.client("viewer").get(f"/api/v1/offerings/{SLUG}/status").json()
    assert body["close_of_business"] == "2002-03-12T17:00:00-08:00"
    assert isinstance(body["seconds_left"], int)
    assert "purchasers" not in body  # a summary, not every purchaser


def test_the_status_names_what_needs_attention(closing: Closing) -> None:
    body = closing.client("viewer").get(f"/api/v1/offerings/{SLUG}/status").json()
    counts = {a["kind"]: a["count"] for a in body["attention"]}
    assert counts == {"missing_dwac": 1, "missing_address": 1, "missing_email": 2}


def test_a_purchaser_has_price_warrants_state_checklist_and_dwac(closing: Closing) -> None:
    body = closing.client("viewer").get("/api/v1/purchasers/1").json()
    assert body["name"] == "Alpha Fund"
    assert (body["shares"], body["purchase_price"], body["warrant_shares"]) == (
        1_000_000,
        "2000000.00",
        250_000,
    )
    assert body["state"] == "agreement_generated"
    assert body["checklist"]["agreement_generated"] is True
    assert (body["dtc_participant"], body["dtc_account"]) == ("0226", "A-1")
    assert body["address"] == ["1 Main St", "Boston MA"]


def test_an_unknown_purchaser_is_404_everywhere(closing: Closing) -> None:
    client = closing.client("viewer")
    for suffix in ("", "/events", "/documents", "/links"):
        assert client.get(f"/api/v1/purchasers/999{suffix}").status_code == 404, suffix


def test_a_purchasers_events_are_only_theirs(closing: Closing) -> None:
    body = closing.client("viewer").get("/api/v1/purchasers/1/events").json()
    assert [(e["kind"], e["subject"]) for e in body["data"]] == [
        ("agreement.drafted", "purchaser:1")
    ]
    assert body["data"][0]["at"] == "2002-03-12T16:00:00.000000Z"  # as hashed


def test_the_audit_log_is_filtered_by_kind_and_paged(closing: Closing) -> None:
    client = closing.client("viewer")
    drafted = client.get("/api/v1/audit/events?kind=agreement.drafted&per_page=2").json()
    assert (drafted["count"], drafted["pages"], len(drafted["data"])) == (3, 2, 2)
    second = client.get("/api/v1/audit/events?kind=agreement.drafted&per_page=2&page=2").json()
    subjects = [e["subject"] for e in drafted["data"] + second["data"]]
    assert sorted(subjects) == ["purchaser:1", "purchaser:2", "purchaser:3"]


def test_the_audit_verdict_says_the_chain_is_intact(closing: Closing) -> None:
    body = closing.client("viewer").get("/api/v1/audit/verify").json()
    assert body["intact"] is True
    assert body["first_bad_seq"] is None
    assert body["events"] == closing.client("viewer").get("/api/v1/audit/events").json()["count"]
