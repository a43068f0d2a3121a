"""EARS classification through ``classify``: keywords, their position, labels and languages."""

from __future__ import annotations

import pytest

from spectrace.model import Ears
from spectrace.parse.requirements.ears import classify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WHEN a clerk saves a ticket THEN the desk SHALL file it", Ears.EVENT),
        ("When a clerk saves a ticket, the desk shall file it", Ears.EVENT),
        ("WHILE the desk is offline the desk SHALL queue new tickets", Ears.STATE),
        ("IF the ticket has no owner THEN the desk SHALL reject it", Ears.UNWANTED),
        ("If the upload fails, the desk must keep the draft", Ears.UNWANTED),
        ("WHERE dark mode is enabled, the desk SHALL use light text", Ears.OPTIONAL),
        ("WHILE the desk is offline, WHEN a clerk saves, THE desk SHALL queue it", Ears.COMPLEX),
        ("IF the quota is reached WHEN a clerk uploads THEN the desk SHALL refuse", Ears.COMPLEX),
        ("THE desk SHALL keep every ticket for a year", Ears.UBIQUITOUS),
        ("The desk must answer within two seconds", Ears.UBIQUITOUS),
        ("Tickets should be sorted by date", Ears.UBIQUITOUS),
        (
            "**Given** an open ticket, **When** a clerk closes it, **Then** it is archived",
            Ears.EVENT,
        ),
        ("A nice dashboard with charts", Ears.NONE),
        ("", Ears.NONE),
    ],
)
def test_english_patterns(text: str, expected: Ears) -> None:
    assert classify(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A keyword after the modal verb is part of the action, not a condition.
        ("THE desk SHALL select rows WHERE status IN (1, 2)", Ears.UBIQUITOUS),
        ("The desk shall warn the clerk when a ticket is late", Ears.UBIQUITOUS),
        # A lower-case keyword mid-clause is an ordinary word.
        ("The page where clerks sign in shall show the logo", Ears.UBIQUITOUS),
        # Hyphenated words are not keywords, and not modal verbs either.
        ("An if-else chain must stay flat", Ears.UBIQUITOUS),
        ("Must-have: when a clerk signs in the desk shall greet them", Ears.EVENT),
    ],
)
def test_keyword_position_matters(text: str, expected: Ears) -> None:
    assert classify(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(Event-driven): the desk shall file the ticket", Ears.EVENT),
        ("(State-driven): Se o plano expirar, o sistema deve bloquear", Ears.STATE),
        ("(Optional feature): If the module is bought, the desk shall show it", Ears.OPTIONAL),
        ("(Unwanted behavior): a desk nao deve perder tickets", Ears.UNWANTED),
        ("(Ubiquitous): WHEN written anyway", Ears.UBIQUITOUS),
        ("Complex rules SHALL be documented", Ears.UBIQUITOUS),
    ],
)
def test_a_written_label_wins(text: str, expected: Ears) -> None:
    assert classify(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("QUANDO o cliente paga, o sistema DEVE emitir o recibo", Ears.EVENT),
        ("Enquanto o caixa estiver fechado, o sistema deve recusar vendas", Ears.STATE),
        ("Se o cartão for recusado, o sistema deve avisar o cliente", Ears.UNWANTED),
        ("Cuando el cliente paga, el sistema debe emitir el recibo", Ears.EVENT),
        ("KHI khách hàng thanh toán, hệ thống PHẢI gửi hóa đơn", Ears.EVENT),
        ("Trong khi đang đồng bộ, hệ thống phải khóa biểu mẫu", Ears.STATE),
        ("当顾客提交订单时，系统应发送确认邮件", Ears.EVENT),
        ("如果库存不足，则系统应当提示缺货", Ears.UNWANTED),
        ("在同步期间，系统应禁止编辑", Ears.STATE),
        ("系统应记录每一次登录", Ears.UBIQUITOUS),
        ("当前页面显示订单列表", Ears.NONE),
        ("顧客が注文を確定すると、システムは確認メールを送信する", Ears.EVENT),
        ("ログイン時はセッションを作成する", Ears.EVENT),
        ("在庫が足りない場合、エラーを表示する", Ears.UNWANTED),
        ("同期している間は、編集を禁止する", Ears.STATE),
        ("システムは24時間以内に通知を削除する", Ears.UBIQUITOUS),
        ("사용자가 로그인할 때 시스템은 알림을 보여야 한다", Ears.EVENT),
        ("결제가 실패한 경우 시스템은 오류를 표시해야 한다", Ears.UNWANTED),
        ("WHEN 患者提交预约 THEN 系统 SHALL 发送短信", Ears.EVENT),
    ],
)
def test_other_languages(text: str, expected: Ears) -> None:
    assert classify(text) == expected


def test_letters_that_change_length_when_lowered_keep_keywords_in_place() -> None:
    assert classify("İstanbul WHEN a clerk signs in THE desk SHALL greet them") == Ears.EVENT


def test_long_hostile_text_is_classified() -> None:
    # Linear-time patterns: a backtracking one would not return on this (speed is not timed here).
    hostile = ("当" + "x" * 50 + "，") * 4000 + "如果 " * 4000 + "WHEN-" * 20000
    assert classify(hostile) in set(Ears)
