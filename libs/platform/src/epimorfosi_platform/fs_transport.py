"""Kombu's filesystem transport, made safe for several processes (the embedded profile's bus).

Upstream writes a message file in place; a consumer in another process may move and read it before
the writer has finished, and the half-written message is then lost (a JSON decode error). Here each
message is written to a temporary name first and renamed into the queue folder, which is atomic, so
a consumer only ever sees complete messages.
"""
from __future__ import annotations

import os
import uuid
from time import monotonic

from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        # zero-padded so that lexical order (how consumers pick files) is time order
        name = f"{int(monotonic() * 1000):015d}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        temporary = os.path.join(self.data_folder_out, f".{name}.tmp")
        with open(temporary, "wb") as f:
            f.write(str_to_bytes(dumps(payload)))
        os.replace(temporary, final)


class Transport(filesystem.Transport):
    Channel = Channel
