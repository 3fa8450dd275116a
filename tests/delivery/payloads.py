"""Tracking webhook bodies as each provider documents them (and as anymail's own tests post them).

Each builder returns (JSON body, extra request headers) for one event about `address`.
"""

from __future__ import annotations

import json


def brevo(kind: str, address: str, *, reason: str | None = None, ts: int = 1772442000):
    # https://developers.brevo.com/docs/transactional-webhooks (hard_bounce, soft_bounce, spam…)
    event = {
        "event": kind,
        "email": address,
        "id": 26224,
        "date": "2026-03-02 10:00:00",
        "ts": ts,
        "message-id": "<202603020900.12345678@smtp-relay.mailin.fr>",
        "ts_event": ts,
        "subject": "J-7 pour refuser Mon espace santé",
        "tag": "",
        "sending_ip": "185.41.28.109",
        "ts_epoch": 1772442000223,
        "reason": reason if reason is not None else "550 5.1.1 user unknown" if "bounce" in kind else "",
    }
    return json.dumps(event), {}


def mailjet(kind: str, address: str, *, hard: bool = True, related: str = "recipient", error: str = ""):
    # https://dev.mailjet.com/email/guides/webhooks/ — bounce, spam
    event = {
        "event": kind,
        "time": 1772442000,
        "MessageID": 13792286917004336,
        "Message_GUID": "1ab23cd4-e567-8901-2345-6789f0gh1i2j",
        "email": address,
        "mj_campaign_id": 0,
        "mj_contact_id": 0,
        "customcampaign": "",
        "CustomID": "",
        "Payload": "",
    }
    if kind == "bounce":
        event |= {
            "blocked": False,
            "hard_bounce": hard,
            "error_related_to": related,
            "error": error or ("user unknown" if hard else "quota exceeded"),
        }
    if kind == "spam":
        event["source"] = "JMRPP"
    return json.dumps([event]), {}


def postmark(kind: str, address: str):
    # https://postmarkapp.com/developer/webhooks/bounce-webhook and spam-complaint-webhook
    record = "SpamComplaint" if kind == "SpamComplaint" else "Bounce"
    event = {
        "RecordType": record,
        "MessageStream": "outbound",
        "ID": 4323372036854775807,
        "Type": kind,
        "TypeCode": {"HardBounce": 1, "SoftBounce": 4096, "SpamComplaint": 512}.get(kind, 100009),
        "Name": kind,
        "Tag": "",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Metadata": {},
        "ServerID": 23,
        "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": address,
        "From": "no-reply@a-temps.example.org",
        "BouncedAt": "2026-03-02T09:00:54.9070259Z",
        "DumpAvailable": True,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "J-7 pour refuser Mon espace santé",
        "Content": "",
    }
    return json.dumps(event), {}


def amazon_ses(kind: str, address: str, *, bounce_type: str = "Permanent", sub_type: str = ""):
    # https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html, posted by SNS
    mail = {
        "timestamp": "2026-03-02T09:00:00.000Z",
        "source": "no-reply@a-temps.example.org",
        "messageId": "0100016ab1c2d3e4-5f6a7b8c-9d0e-1f2a-3b4c-5d6e7f8a9b0c-000000",
        "destination": [address],
        "headersTruncated": False,
        "headers": [],
    }
    if kind == "Bounce":
        detail = {
            "bounce": {
                "bounceType": bounce_type,
                "bounceSubType": sub_type or ("General" if bounce_type == "Permanent" else "MailboxFull"),
                "bouncedRecipients": [
                    {
                        "emailAddress": address,
                        "action": "failed",
                        "status": "5.1.1",
                        "diagnosticCode": "smtp; 550 5.1.1 user unknown",
                    }
                ],
                "timestamp": "2026-03-02T09:00:01.000Z",
                "feedbackId": "0100016ab1c2d3e4-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee-000000",
                "reportingMTA": "dsn; e226-55.smtp-out.eu-west-3.amazonses.com",
            }
        }
    else:
        detail = {
            "complaint": {
                "complainedRecipients": [{"emailAddress": address}],
                "timestamp": "2026-03-02T09:05:00.000Z",
                "feedbackId": "0100016ab1c2d3e4-ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee-000000",
                "complaintFeedbackType": "abuse",
            }
        }
    message_id = "19ba9823-d7f2-53c1-860e-cb10e0d13dfc"
    notification = {
        "Type": "Notification",
        "MessageId": message_id,
        "TopicArn": "arn:aws:sns:eu-west-3:123456789012:a-temps-ses-events",
        "Subject": "Amazon SES Email Event Notification",
        "Message": json.dumps({"eventType": kind, "mail": mail, **detail}),
        "Timestamp": "2026-03-02T09:00:02.000Z",
        "SignatureVersion": "1",
        "Signature": "EXAMPLEpH+..",
        "SigningCertURL": "https://sns.eu-west-3.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem",
        "UnsubscribeURL": "https://sns.eu-west-3.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x",
    }
    headers = {"HTTP_X_AMZ_SNS_MESSAGE_TYPE": "Notification", "HTTP_X_AMZ_SNS_MESSAGE_ID": message_id}
    return json.dumps(notification), headers


#: provider → its bounce, its complaint, and a temporary bounce (full mailbox).
EVENTS = {
    "brevo": (lambda a: brevo("hard_bounce", a), lambda a: brevo("spam", a), lambda a: brevo("soft_bounce", a)),
    "mailjet": (
        lambda a: mailjet("bounce", a),
        lambda a: mailjet("spam", a),
        lambda a: mailjet("bounce", a, hard=False),
    ),
    "postmark": (
        lambda a: postmark("HardBounce", a),
        lambda a: postmark("SpamComplaint", a),
        lambda a: postmark("SoftBounce", a),
    ),
    "amazon_ses": (
        lambda a: amazon_ses("Bounce", a),
        lambda a: amazon_ses("Complaint", a),
        lambda a: amazon_ses("Bounce", a, bounce_type="Transient"),
    ),
}
