"""Summarises `jfr print --events jdk.ExecutionSample`: top self frames, and the application's (and a few
libraries') frames by inclusive share of the samples."""
import collections
import re
import sys

text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
samples = text.split("jdk.ExecutionSample")
self_counts = collections.Counter()
inclusive = collections.Counter()
groups = collections.Counter()
GROUPS = [("json-b (yasson)", "org.eclipse.yasson"), ("json-p (parsson)", "org.eclipse.parsson"),
          ("tyrus", "org.glassfish.tyrus"), ("grizzly", "org.glassfish.grizzly"),
          ("postgres jdbc", "org.postgresql"), ("hibernate", "org.hibernate"), ("weld (cdi)", "org.jboss.weld"),
          ("ejb container", "com.sun.ejb"), ("jta", "com.sun.enterprise.transaction"),
          ("connection pool", "com.sun.enterprise.resource"), ("chat server", "dev.enterprisechat")]
total = 0
for sample in samples[1:]:
    frames = re.findall(r"^\s+([\w$.<>]+)\(", sample, re.M)
    if not frames:
        continue
    total += 1
    self_counts[frames[0]] += 1
    seen = set()
    for frame in frames:
        if frame.startswith("dev.enterprisechat") and frame not in seen:
            inclusive[frame] += 1
            seen.add(frame)
    hit = set()
    for name, prefix in GROUPS:
        if any(f.startswith(prefix) for f in frames):
            hit.add(name)
    for name in hit:
        groups[name] += 1
print(f"samples: {total}")
print("\n== share of samples with a frame of (inclusive; overlaps) ==")
for name, count in groups.most_common():
    print(f"{100 * count / total:5.1f}%  {name}")
print("\n== hottest methods (self) ==")
for frame, count in self_counts.most_common(25):
    print(f"{100 * count / total:5.1f}%  {frame}")
print("\n== application frames (inclusive) ==")
for frame, count in inclusive.most_common(30):
    print(f"{100 * count / total:5.1f}%  {frame}")
