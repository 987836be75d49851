"""The Evolution event catalogue: config names (MESSAGES_UPSERT) and wire names
(messages.upsert), per server version."""

from __future__ import annotations

import re

# 2.3.x accepts exactly these 31, in the server's own order (its enum error lists them so).
EVENTS_2_3: tuple[str, ...] = (
    "APPLICATION_STARTUP",
    "QRCODE_UPDATED",
    "MESSAGES_SET",
    "MESSAGES_UPSERT",
    "MESSAGES_EDITED",
    "MESSAGES_UPDATE",
    "MESSAGES_DELETE",
    "SEND_MESSAGE",
    "SEND_MESSAGE_UPDATE",
    "CONTACTS_SET",
    "CONTACTS_UPSERT",
    "CONTACTS_UPDATE",
    "PRESENCE_UPDATE",
    "CHATS_SET",
    "CHATS_UPSERT",
    "CHATS_UPDATE",
    "CHATS_DELETE",
    "GROUPS_UPSERT",
    "GROUP_UPDATE",
    "GROUP_PARTICIPANTS_UPDATE",
    "CONNECTION_UPDATE",
    "LABELS_EDIT",
    "LABELS_ASSOCIATION",
    "CALL",
    "TYPEBOT_START",
    "TYPEBOT_CHANGE_STATUS",
    "REMOVE_INSTANCE",
    "LOGOUT_INSTANCE",
    "INSTANCE_CREATE",
    "INSTANCE_DELETE",
    "STATUS_INSTANCE",
)

_MISSING_IN_2_2 = frozenset(
    {"SEND_MESSAGE_UPDATE", "INSTANCE_CREATE", "INSTANCE_DELETE", "STATUS_INSTANCE"}
)
EVENTS_2_2: tuple[str, ...] = tuple(e for e in EVENTS_2_3 if e not in _MISSING_IN_2_2)
EVENTS_2_4: tuple[str, ...] = (*EVENTS_2_3, "MESSAGING_HISTORY_SET")
_MISSING_IN_1_8 = frozenset({"MESSAGES_EDITED", "REMOVE_INSTANCE", "LOGOUT_INSTANCE"})
EVENTS_1_8: tuple[str, ...] = (
    *(e for e in EVENTS_2_2 if e not in _MISSING_IN_1_8),
    "NEW_JWT_TOKEN",
    "CHAMA_AI_ACTION",
)

# Wire names whose spelling is not simply the config name lower-cased with dots.
_WIRE_EXCEPTIONS: dict[str, str] = {
    "GROUP_PARTICIPANTS_UPDATE": "group-participants.update",
    "NEW_JWT_TOKEN": "new.jwt",
    "CHAMA_AI_ACTION": "chama-ai.action",
    "TYPEBOT_CHANGE_STATUS": "typebot.change-status",
    "MESSAGING_HISTORY_SET": "messaging-history.set",
}

# How the event picker groups the catalogue for people.
EVENT_GROUPS: dict[str, tuple[str, ...]] = {
    "Messages": (
        "MESSAGES_SET",
        "MESSAGES_UPSERT",
        "MESSAGES_EDITED",
        "MESSAGES_UPDATE",
        "MESSAGES_DELETE",
        "SEND_MESSAGE",
        "SEND_MESSAGE_UPDATE",
        "MESSAGING_HISTORY_SET",
    ),
    "Contacts and chats": (
        "CONTACTS_SET",
        "CONTACTS_UPSERT",
        "CONTACTS_UPDATE",
        "PRESENCE_UPDATE",
        "CHATS_SET",
        "CHATS_UPSERT",
        "CHATS_UPDATE",
        "CHATS_DELETE",
        "LABELS_EDIT",
        "LABELS_ASSOCIATION",
        "CALL",
    ),
    "Groups": ("GROUPS_UPSERT", "GROUP_UPDATE", "GROUP_PARTICIPANTS_UPDATE"),
    "Instance": (
        "APPLICATION_STARTUP",
        "QRCODE_UPDATED",
        "CONNECTION_UPDATE",
        "REMOVE_INSTANCE",
        "LOGOUT_INSTANCE",
        "INSTANCE_CREATE",
        "INSTANCE_DELETE",
        "STATUS_INSTANCE",
    ),
    "Bots": ("TYPEBOT_START", "TYPEBOT_CHANGE_STATUS", "NEW_JWT_TOKEN", "CHAMA_AI_ACTION"),
}

# At most 9 digits a part (int() refuses past 4300, and no version needs more); a longer
# run of digits is no version.
_VERSION_RE = re.compile(r"^\s*v?(\d{1,9})(?!\d)(?:\.(\d{1,9})(?!\d))?")


def parse_version(version: str | None) -> tuple[int, int]:
    """(major, minor) of a server version string; (0, 0) when it cannot be read."""
    if not version:
        return (0, 0)
    match = _VERSION_RE.match(version)
    if match is None:
        return (0, 0)
    return (int(match.group(1)), int(match.group(2) or 0))


def catalogue_for(version: str | None) -> tuple[str, ...]:
    """Config event names a server of this version accepts (2.3 when unknown)."""
    major, minor = parse_version(version)
    if major == 1:
        return EVENTS_1_8
    if major == 2 and minor <= 2:
        return EVENTS_2_2
    if (major, minor) >= (2, 4):
        return EVENTS_2_4
    return EVENTS_2_3


def wire_name(config_name: str) -> str:
    """MESSAGES_UPSERT -> messages.upsert (the name Socket.IO and webhooks carry)."""
    if config_name in _WIRE_EXCEPTIONS:
        return _WIRE_EXCEPTIONS[config_name]
    return config_name.lower().replace("_", ".")


_CONFIG_EXCEPTIONS: dict[str, str] = {w: c for c, w in _WIRE_EXCEPTIONS.items()}


def config_name(wire: str) -> str:
    """messages.upsert / group-participants.update -> MESSAGES_UPSERT style."""
    if wire in _CONFIG_EXCEPTIONS:
        return _CONFIG_EXCEPTIONS[wire]
    return re.sub(r"[.\-]", "_", wire).upper()


def by_events_suffix(config_or_wire: str) -> str:
    """Path suffix the server appends with byEvents: messages-upsert."""
    wire = config_or_wire if config_or_wire.islower() else wire_name(config_or_wire)
    return wire.replace(".", "-")


def unknown_events(events: tuple[str, ...] | list[str], version: str | None) -> list[str]:
    allowed = set(catalogue_for(version))
    return [e for e in events if e not in allowed]
