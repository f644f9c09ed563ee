"""Simulate the ISPs' call centre for a campaign's recorded requests and write the shopper's call logs.

Usage: .venv/bin/python scripts/callcentre_sim.py --workspace DIR --campaign C --out DIR
         [--shopper-line 89120001122] [--pbx-zone Europe/Moscow] [--seed 1] [--noise 0]

Writes Master.csv (Asterisk cdr_csv, 21 columns, ring-group legs) and calls.xml (Android SMS Backup &
Restore); import them with 'ispaudit callbacks import'.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from audit.sim.callcentre import requests_from_workspace, simulate, write_android, write_asterisk
from audit.workspace import open_workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--campaign", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--shopper-line", default="89120001122")
    parser.add_argument("--pbx-zone", default="Europe/Moscow")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--noise", type=int, default=0, help="extra calls to other extensions of the PBX")
    args = parser.parse_args()
    with open_workspace(args.workspace) as ws:
        calls = simulate(requests_from_workspace(ws, args.campaign), args.seed)
    master = write_asterisk(calls, args.out / "Master.csv", args.shopper_line, args.pbx_zone, args.noise, args.seed)
    android = write_android(calls, args.out / "calls.xml")
    print(f"{len(calls)} call(s) -> {master} and {android}")


if __name__ == "__main__":
    main()
