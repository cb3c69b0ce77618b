"""A real SMTP server on loopback for the tests (aiosmtpd from PyPI).

Usage: smtp_sink.py DIR [--fail-first N]
Prints the port it listens on, then stores every accepted message as DIR/NNNN.eml. With
--fail-first N the first N messages are refused with a temporary 451 error. Stops when its
standard input closes, so it never outlives the test that started it.
"""
import argparse
from email import message_from_bytes, policy
import socket
import sys
from pathlib import Path

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out: Path, fail_first: int):
        self.out = out
        self.fail_left = fail_first
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if self.fail_left > 0:
            self.fail_left -= 1
            return "451 4.3.0 Temporary failure, try again later"
        self.count += 1
        name = self.out / f"{self.count:04d}.eml"
        tmp = name.with_suffix(".tmp")
        # Stored decoded, as a reader sees it: the headers the tests look at, then the text.
        msg = message_from_bytes(envelope.original_content, policy=policy.default)
        lines = [f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}"]
        for h in ("From", "To", "Subject", "Message-ID", "Date", "Content-Type"):
            if msg[h] is not None:
                lines.append(f"{h}: {msg[h]}")
        body = msg.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        tmp.write_text("\n".join(lines) + "\n\n" + text, encoding="utf-8")
        tmp.rename(name)
        name.with_suffix(".raw").write_bytes(envelope.original_content)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--fail-first", type=int, default=0)
    args = p.parse_args()
    out = Path(args.dir)
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    controller = Controller(Sink(out, args.fail_first), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
