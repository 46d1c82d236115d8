#!/usr/bin/env python3
"""Server-side SIP latency from a loopback capture (bench/sip/run.sh).

SIPp measures response times in whole milliseconds, too coarse for a registrar that answers in tens of
microseconds, so run.sh captures the traffic between SIPp and the server with tcpdump and this script pairs each
request with the server's final response on the wire: latency = time of the first final response (>= 200) minus
time of the first copy of the request (retransmissions are not new requests). Both timestamps come from the same
capture, so the figure is the server's own turnaround, without SIPp's scheduling.

    siplat.py CAPTURE.pcap SERVER_PORT [--method REGISTER]

Prints one line per (method, final status):  METHOD STATUS count=N p50_us=.. p90_us=.. p99_us=.. p999_us=..
max_us=..  and a last line  unanswered=N  (requests without any final response in the capture).
Reads classic pcap (tcpdump -w) with Ethernet (lo) or Linux cooked framing, IPv4 and UDP only.
"""
import math
import struct
import sys
from collections import defaultdict


def packets(path):
    with open(path, "rb") as f:
        header = f.read(24)
        if len(header) < 24:
            raise SystemExit(f"{path}: not a pcap file (too short)")
        magic = struct.unpack("<I", header[:4])[0]
        if magic in (0xA1B2C3D4, 0xA1B23C4D):
            endian = "<"
        elif magic in (0xD4C3B2A1, 0x4D3CB2A1):
            endian = ">"
        else:
            raise SystemExit(f"{path}: not a classic pcap file (magic {magic:#x})")
        nanos = magic in (0xA1B23C4D, 0x4D3CB2A1)
        linktype = struct.unpack(endian + "I", header[20:24])[0]
        if linktype == 1:
            link_len = 14  # Ethernet (loopback on Linux)
        elif linktype == 113:
            link_len = 16  # Linux cooked (-i any)
        else:
            raise SystemExit(f"{path}: link type {linktype} not supported (use -i lo)")
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                return
            sec, frac, incl, _ = struct.unpack(endian + "IIII", rec)
            data = f.read(incl)
            ts = sec + frac / (1e9 if nanos else 1e6)
            ip = data[link_len:]
            if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 17:
                continue
            ihl = (ip[0] & 0x0F) * 4
            udp = ip[ihl:]
            if len(udp) < 8:
                continue
            sport, dport = struct.unpack(">HH", udp[:4])
            yield ts, sport, dport, udp[8:]


def header(payload, names):
    """Value of the first header whose name (lower case, with compact form) is in names, or None."""
    for line in payload.split(b"\r\n")[1:]:
        if not line:
            break
        colon = line.find(b":")
        if colon > 0 and line[:colon].strip().lower() in names:
            return line[colon + 1:].strip()
    return None


def percentile(sorted_values, q):
    if not sorted_values:
        return 0.0
    rank = max(0, min(len(sorted_values) - 1, math.ceil(q * len(sorted_values)) - 1))  # nearest rank
    return sorted_values[rank]


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: siplat.py CAPTURE.pcap SERVER_PORT [--method METHOD]", file=sys.stderr)
        return 2
    path, port = argv[1], int(argv[2])
    only = argv[argv.index("--method") + 1].encode() if "--method" in argv else None
    sent = {}          # (call-id, cseq) -> (time of first request, method)
    answered = set()
    latencies = defaultdict(list)
    for ts, sport, dport, payload in packets(path):
        if dport == port and not payload.startswith(b"SIP/2.0"):
            method = payload.split(b" ", 1)[0]
            if only and method != only:
                continue
            key = (header(payload, (b"call-id", b"i")), header(payload, (b"cseq",)))
            if key[0] is not None and key not in sent:
                sent[key] = (ts, method)
        elif sport == port and payload.startswith(b"SIP/2.0 "):
            try:
                status = int(payload[8:11])
            except ValueError:
                continue
            if status < 200:
                continue
            key = (header(payload, (b"call-id", b"i")), header(payload, (b"cseq",)))
            if key in sent and key not in answered:
                answered.add(key)
                start, method = sent[key]
                latencies[(method.decode(), status)].append((ts - start) * 1e6)
    for (method, status), values in sorted(latencies.items()):
        values.sort()
        print(f"{method} {status} count={len(values)} p50_us={percentile(values, 0.50):.0f} "
              f"p90_us={percentile(values, 0.90):.0f} p99_us={percentile(values, 0.99):.0f} "
              f"p999_us={percentile(values, 0.999):.0f} max_us={values[-1]:.0f}")
    print(f"unanswered={len(sent) - len(answered)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
