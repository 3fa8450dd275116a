"""The dashboard and the case page cost the same number of queries with 1 or 30 cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.helpers import open_case

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def add_cases(user, count):
    cases = []
    for n in range(count):
        case = open_case(user, label=f"Enfant {n}", relation="child", route=["phone", "online", "closure"][n % 3])
        cases.append(case)
    return cases


def test_the_dashboard_query_count_does_not_grow_with_cases(user_client, user, django_assert_max_num_queries):
    add_cases(user, 1)
    with_one = queries_for(user_client, reverse("dashboard"))
    add_cases(user, 29)

    with django_assert_max_num_queries(with_one):
        user_client.get(reverse("dashboard"))
    assert with_one <= 8


def test_the_case_page_query_count_does_not_grow_with_cases(user_client, user, django_assert_max_num_queries):
    [first] = add_cases(user, 1)
    with_one = queries_for(user_client, reverse("case_detail", args=[first.pk]))
    add_cases(user, 29)

    with django_assert_max_num_queries(with_one):
        user_client.get(reverse("case_detail", args=[first.pk]))
    assert with_one <= 10
