"""Event ``data`` the way a Baileys-backed Evolution 2.3 instance produces it."""

from __future__ import annotations

import base64
import hashlib
import json
import random
import struct
import time
import zlib
from functools import cache
from typing import Any

from evodesk.sandbox.state import Instance, utc_iso

CONTACTS: tuple[tuple[str, str], ...] = (
    ("Ana Souza", "5511987650001"),
    ("Bruno Lima", "5511987650002"),
    ("Carla Mendes", "5521998760003"),
    ("Diego Rocha", "5531991230004"),
    ("Elisa Prado", "5541992340005"),
    ("Fábio Nunes", "5551993450006"),
    ("Gabi Torres", "5561994560007"),
    ("Hugo Alves", "5571995670008"),
)
GROUP_JID = "120363025551234567@g.us"
TEXTS: tuple[str, ...] = (
    "Oi, tudo bem?",
    "Can you check my order #4821?",
    "Obrigado pelo atendimento!",
    "Is the store open on Sunday?",
    "Preciso da segunda via do boleto",
    "ok 👍",
    "My package still hasn't arrived",
    "Qual o prazo de entrega para Curitiba?",
)
MEDIA_KINDS = ("image", "video", "audio", "document", "sticker")


def jid(number: str) -> str:
    return f"{number}@s.whatsapp.net"


def message_id(rng: random.Random) -> str:
    return "3EB0" + "".join(rng.choice("0123456789ABCDEF") for _ in range(18))


# ---- media bytes -----------------------------------------------------------------------


def _png(width: int, height: int, seed: int) -> bytes:
    """A real, decodable PNG (RGB, no dependencies)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows += bytes(((x * 8 + seed) % 256, (y * 8 + seed * 3) % 256, (x ^ y) * 4 % 256))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows)))
        + chunk(b"IEND", b"")
    )


_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# Only the image and document decode; the rest carry the right magic bytes so
# sniffers and size accounting behave, which is all the sandbox's clients need.
_MAGIC: dict[str, bytes] = {
    "video": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom",
    "audio": b"OggS\x00\x02" + b"\x00" * 20 + b"OpusHead",
    "sticker": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
}
MIMETYPES = {
    "image": "image/png",
    "video": "video/mp4",
    "audio": "audio/ogg; codecs=opus",
    "document": "application/pdf",
    "sticker": "image/webp",
}


@cache
def media_bytes(kind: str, size: int | None = None) -> bytes:
    if kind == "image":
        raw = _png(32, 24, 7)
    elif kind == "document":
        raw = _PDF
    else:
        raw = _MAGIC[kind] + bytes(range(256)) * 4
    if size is not None and size > len(raw):
        # Trailing bytes after the end marker: decoders ignore them, sizes grow.
        raw += bytes((i * 31) % 256 for i in range(size - len(raw)))
    return raw


@cache
def qr_png_data_url(code: str) -> str:
    seed = zlib.crc32(code.encode()) % 251
    return "data:image/png;base64," + base64.b64encode(_png(33, 33, seed)).decode()


def qr_code_text(rng: random.Random) -> str:
    part = "".join(
        rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        for _ in range(40)
    )
    keys = ",".join(base64.b64encode(rng.randbytes(32)).decode() for _ in range(2))
    return f"2@{part},{keys}"


def qr_body(inst: Instance) -> dict[str, Any]:
    """What /instance/connect and /instance/restart answer while connecting."""
    if inst.qr_code is None:
        return {"count": inst.qr_count}
    return {
        "pairingCode": None,
        "code": inst.qr_code,
        "base64": qr_png_data_url(inst.qr_code),
        "count": inst.qr_count,
    }


# ---- event data ------------------------------------------------------------------------


def connection_data(inst: Instance, state: str, reason: int = 200) -> dict[str, Any]:
    if state == "open":
        return {
            "instance": inst.name,
            "wuid": inst.owner_jid,
            "profileName": inst.profile_name,
            "profilePictureUrl": None,
            "state": "open",
            "statusReason": reason,
        }
    return {"instance": inst.name, "state": state, "statusReason": reason}


def qrcode_data(inst: Instance, code: str | None = None) -> dict[str, Any]:
    code = code or inst.qr_code or ""
    return {
        "qrcode": {
            "instance": inst.name,
            "pairingCode": None,
            "code": code,
            "base64": qr_png_data_url(code),
        }
    }


def status_data(inst: Instance, code: int, reason: str) -> dict[str, Any]:
    return {
        "instance": inst.name,
        "status": "closed",
        "disconnectionAt": inst.disconnection_at,
        "disconnectionReasonCode": code,
        "disconnectionObject": json.dumps(
            {
                "error": {
                    "data": None,
                    "isBoom": True,
                    "isServer": False,
                    "output": {
                        "statusCode": code,
                        "payload": {"statusCode": code, "error": "Unauthorized", "message": reason},
                        "headers": {},
                    },
                },
                "date": utc_iso(),
            },
            separators=(",", ":"),
        ),
    }


# ---- WhatsApp's byte fields -----------------------------------------------------------


def byte_field(raw: bytes, binary: bool) -> bytes | str:
    """A protobuf ``bytes`` field of a message: the bytes themselves when the server
    hands events over with them rebuilt as a Uint8Array (``binary``), else base64."""
    return raw if binary else base64.b64encode(raw).decode()


def as_index_objects(value: Any) -> Any:
    """``value`` as JSON.stringify writes it: every bytes value (a Uint8Array on the
    real server) becomes an object of index to byte, ``{"0": 12, "1": 255, …}``."""
    if isinstance(value, dict):
        return {k: as_index_objects(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [as_index_objects(v) for v in value]
    if isinstance(value, bytes | bytearray | memoryview):
        return {str(i): b for i, b in enumerate(bytes(value))}
    return value


def context_info(rng: random.Random, *, binary: bool) -> dict[str, Any]:
    """``message.messageContextInfo`` as Baileys fills it for a message from a phone;
    ``messageSecret`` is the key later poll votes and edits of it are sealed with."""
    return {
        "deviceListMetadata": {
            "senderKeyHash": byte_field(rng.randbytes(10), binary),
            "senderTimestamp": str(int(time.time()) - rng.randrange(86_400)),
        },
        "deviceListMetadataVersion": 2,
        "messageSecret": byte_field(rng.randbytes(32), binary),
    }


def _key(inst: Instance, rng: random.Random, remote: str | None, from_me: bool) -> dict[str, Any]:
    if remote is None:
        remote = jid(rng.choice(CONTACTS)[1]) if rng.random() > 0.1 else GROUP_JID
    key: dict[str, Any] = {"remoteJid": remote, "fromMe": from_me, "id": message_id(rng)}
    if remote.endswith("@g.us"):
        key["participant"] = inst.owner_jid if from_me else jid(rng.choice(CONTACTS)[1])
    return key


def _envelope(
    inst: Instance,
    key: dict[str, Any],
    push_name: str,
    message: dict[str, Any],
    message_type: str,
    status: str,
) -> dict[str, Any]:
    return {
        "key": key,
        "pushName": push_name,
        "status": status,
        "message": message,
        "messageType": message_type,
        "messageTimestamp": int(time.time()),
        "instanceId": inst.id,
        "source": "android",
    }


def text_message(
    inst: Instance,
    rng: random.Random,
    text: str,
    *,
    sender_name: str | None = None,
    from_me: bool = False,
    remote_jid: str | None = None,
    status: str | None = None,
    binary: bool = False,
) -> dict[str, Any]:
    key = _key(inst, rng, remote_jid, from_me)
    name = (inst.profile_name or inst.name) if from_me else (sender_name or rng.choice(CONTACTS)[0])
    return _envelope(
        inst,
        key,
        name,
        {"conversation": text, "messageContextInfo": context_info(rng, binary=binary)},
        "conversation",
        status or ("SERVER_ACK" if from_me else "DELIVERY_ACK"),
    )


def media_message(
    inst: Instance,
    rng: random.Random,
    kind: str,
    *,
    with_base64: bool,
    caption: str | None = None,
    sender_name: str | None = None,
    from_me: bool = False,
    size: int | None = None,
    status: str | None = None,
    binary: bool = False,
) -> dict[str, Any]:
    """``binary``: the byte fields (``fileSha256``, ``mediaKey``, ``jpegThumbnail``,
    ``messageSecret``, …) as bytes instead of base64 text; ``base64`` stays text."""
    if kind not in MEDIA_KINDS:
        raise ValueError(f"unknown media kind {kind!r}; one of {', '.join(MEDIA_KINDS)}")
    raw = media_bytes(kind, size)
    body: dict[str, Any] = {
        "url": f"https://mmg.whatsapp.net/v/t62.7118-24/{rng.randrange(10**9)}.enc",
        "mimetype": MIMETYPES[kind],
        "fileSha256": byte_field(hashlib.sha256(raw).digest(), binary),
        "fileLength": str(len(raw)),
        "mediaKey": byte_field(rng.randbytes(32), binary),
        "fileEncSha256": byte_field(rng.randbytes(32), binary),
        "directPath": "/v/t62.7118-24/sandbox.enc",
        "mediaKeyTimestamp": str(int(time.time())),
    }
    if kind in ("image", "video"):
        body["caption"] = caption if caption is not None else "foto do pedido"
        body.update({"height": 24, "width": 32})
        body["jpegThumbnail"] = byte_field(media_bytes("image"), binary)
    if kind in ("video", "audio"):
        body["seconds"] = 7
    if kind == "audio":
        body["ptt"] = True
    if kind == "document":
        body.update({"title": "boleto.pdf", "fileName": "boleto.pdf", "pageCount": 1})
        if caption is not None:
            body["caption"] = caption
    if kind == "sticker":
        body["isAnimated"] = False
    message_type = f"{kind}Message"
    message: dict[str, Any] = {
        message_type: body,
        "messageContextInfo": context_info(rng, binary=binary),
    }
    if with_base64:
        message["base64"] = base64.b64encode(raw).decode()
    key = _key(inst, rng, None, from_me)
    name = (inst.profile_name or inst.name) if from_me else (sender_name or rng.choice(CONTACTS)[0])
    return _envelope(
        inst,
        key,
        name,
        message,
        message_type,
        status or ("SERVER_ACK" if from_me else "DELIVERY_ACK"),
    )


def message_update(
    inst: Instance, rng: random.Random, key: dict[str, Any] | None
) -> dict[str, Any]:
    if key is None:
        key = _key(inst, rng, None, True)
    return {
        "messageId": f"cm{rng.randrange(36**10):010x}",
        "keyId": key["id"],
        "remoteJid": key["remoteJid"],
        "fromMe": key["fromMe"],
        "participant": key.get("participant"),
        "status": rng.choice(("DELIVERY_ACK", "READ", "SERVER_ACK")),
        "instanceId": inst.id,
    }
