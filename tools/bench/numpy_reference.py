#!/usr/bin/env python3
"""The job of `illc run` on a weights JSON model, written plainly in single-threaded numpy.

The reference that tools/bench/whole-process.sh times `illc run` against (docs/benchmarks.md):
ILLC compression (Ward clustering of each hidden layer's neurons through the already merged
prefix, average aggregation), then the global metrics, then the result files. Only numpy; run it
with one BLAS thread (OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1), as illc runs.

    numpy_reference.py MODEL.json DATA.csv OUT_FOLDER [--shrink 0.8]
    numpy_reference.py --make-model MODEL.json DATA.csv [--layers 20] [--width 500] [--seed 15]

The second form writes the benchmark's model: a seeded random ReLU MLP with He-initialised
weights on standardised inputs (the scaler folded into the first layer, as in a trained model)
and a softmax output over the data's two classes, as weights JSON (20 x 500: about 100 MB).

DATA.csv has a header and the label as its last column (illc's built-in breast_cancer.csv).
Prints one line per phase: `phase <name> <wall s> <cpu s> <peak rss MB>`; the peak RSS is the
process's peak so far (ru_maxrss). Also prints the metrics and the cluster counts.
"""
import argparse
import json
import os
import resource
import shutil
import sys
import time

import numpy as np


class Phases:
    """Wall and CPU time per phase, and the process's peak RSS at each phase's end."""

    def __init__(self):
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def done(self, name):
        wall, cpu = time.perf_counter(), time.process_time()
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        print(f"phase {name} {wall - self.wall:.3f} {cpu - self.cpu:.3f} {rss_mb:.0f}", flush=True)
        self.wall, self.cpu = wall, cpu


def activate(z, name):
    if name == "relu":
        return np.maximum(z, 0.0, out=z)
    if name == "linear":
        return z
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    raise SystemExit(f"activation {name} is not in this reference")


def forward(x, w, b, act):
    """act(x W^T + b): x [N, in], w [out, in] -> [N, out]."""
    return activate(x @ w.T + b, act)


def ward(points, k):
    """Ward clustering of the columns of points [N, n] into k clusters; labels [n].

    Squared Euclidean distances from the centred Gram matrix, then Lance-Williams updates,
    merging the closest pair each step (ties: the lowest index pair)."""
    n = points.shape[1]
    c = points - points.mean(axis=1, keepdims=True)
    gram = c.T @ c
    sq = np.diag(gram)
    d = sq[:, None] + sq[None, :] - 2.0 * gram
    np.fill_diagonal(d, np.inf)
    size = np.ones(n)
    active = np.ones(n, dtype=bool)
    parent = np.arange(n)
    for _ in range(n - k):
        flat = int(np.argmin(d))
        i, j = divmod(flat, n)
        if i > j:
            i, j = j, i
        ni, nj = size[i], size[j]
        nk = size
        dij = d[i, j]
        merged = ((ni + nk) * d[i] + (nj + nk) * d[j] - nk * dij) / (ni + nj + nk)
        d[i, :] = merged
        d[:, i] = merged
        d[i, i] = np.inf
        d[j, :] = np.inf
        d[:, j] = np.inf
        d[~active, i] = np.inf
        d[i, ~active] = np.inf
        size[i] = ni + nj
        active[j] = False
        parent[parent == j] = i
    roots = np.unique(parent)
    return np.searchsorted(roots, parent)


def make_model(path, data, layers, width, seed):
    with open(data) as f:
        names = f.readline().strip().split(",")[:-1]
    x = np.loadtxt(data, delimiter=",", skiprows=1)[:, :-1]
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    rng = np.random.default_rng(seed)
    out, fan_in = [], x.shape[1]
    for l in range(layers + 1):
        n = 2 if l == layers else width
        w = rng.standard_normal((n, fan_in)) * np.sqrt(2.0 / fan_in)
        b = 0.01 * rng.standard_normal(n)
        if l == 0:
            w = w / std
            b = b - w @ mean
        out.append({"weights": w.tolist(), "bias": b.tolist(), "activation": "softmax" if l == layers else "relu"})
        fan_in = n
    with open(path, "w") as f:
        f.write('{"format": "illc-mlp", "version": 1, "inputs": ' + json.dumps(names) + ',\n"layers": [\n')
        for l, layer in enumerate(out):
            f.write(json.dumps(layer))
            f.write(",\n" if l < len(out) - 1 else "\n")
        f.write("]}\n")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--make-model":
        ap = argparse.ArgumentParser()
        ap.add_argument("--make-model", dest="model", required=True)
        ap.add_argument("data")
        ap.add_argument("--layers", type=int, default=20)
        ap.add_argument("--width", type=int, default=500)
        ap.add_argument("--seed", type=int, default=15)
        args = ap.parse_args()
        make_model(args.model, args.data, args.layers, args.width, args.seed)
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--shrink", type=float, default=0.8)
    args = ap.parse_args()
    phases = Phases()

    with open(args.model, "rb") as f:
        doc = json.load(f)
    layers = [(np.array(l["weights"], dtype=np.float64), np.array(l["bias"], dtype=np.float64), l["activation"])
              for l in doc["layers"]]
    x = np.loadtxt(args.data, delimiter=",", skiprows=1)[:, :-1]
    phases.done("load")

    original = []
    a = x
    for w, b, act in layers:
        a = forward(a, w, b, act)
        original.append(a)
    phases.done("forward")

    d = len(layers) - 1
    cluster_time = merge_time = 0.0
    cluster_cpu = merge_cpu = 0.0
    partitions, merged = [], []
    half = layers[0]
    prev = x
    for l in range(1, d + 1):
        t, c = time.perf_counter(), time.process_time()
        w, b, act = half
        points = forward(prev, w, b, act)  # ILLC: this layer through the merged prefix
        n = w.shape[0]
        k = max(1, int(np.floor((1 - args.shrink) * n + 1e-9)))
        labels = ward(points, k)
        partitions.append(labels)
        t2, c2 = time.perf_counter(), time.process_time()
        cluster_time += t2 - t
        cluster_cpu += c2 - c
        counts = np.bincount(labels)
        cw = np.zeros((len(counts), w.shape[1]))
        np.add.at(cw, labels, w)
        cb = np.bincount(labels, weights=b)
        cw /= counts[:, None]
        cb /= counts
        merged.append((cw, cb, act))
        prev = forward(prev, cw, cb, act)
        nw, nb, nact = layers[l]
        outgoing = np.zeros((nw.shape[0], len(counts)))
        np.add.at(outgoing.T, labels, nw.T)
        half = (outgoing, nb, nact)
        merge_time += time.perf_counter() - t2
        merge_cpu += time.process_time() - c2
    merged.append(half)
    print(f"phase cluster {cluster_time:.3f} {cluster_cpu:.3f} "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
    print(f"phase merge {merge_time:.3f} {merge_cpu:.3f} "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}", flush=True)
    phases.wall, phases.cpu = time.perf_counter(), time.process_time()

    compressed = []
    a = x
    for w, b, act in merged:
        a = forward(a, w, b, act)
        compressed.append(a)
    rows = x.shape[0]
    out_o, out_c = original[-1], compressed[-1]
    metrics = {
        "agreement": float(np.mean(out_o.argmax(axis=1) == out_c.argmax(axis=1))),
        "cognitive-complexity": float(np.prod([float(p.max() + 1) for p in partitions])),
        "dead-neurons": float(np.mean(np.concatenate([(o <= 0).all(axis=0) for o in original[:-1]]))),
        "io-unfaithfulness": float(((out_o - out_c) ** 2).sum() / rows),
    }
    total, width = 0.0, 0
    for l, labels in enumerate(partitions):
        counts = np.bincount(labels)
        means = np.zeros((rows, len(counts)))
        np.add.at(means.T, labels, original[l].T)
        means /= counts
        total += np.abs(means - compressed[l]).sum() / rows
        width += len(counts)
    total += np.abs(out_o - out_c).sum() / rows
    width += out_o.shape[1]
    metrics["structural-unfaithfulness"] = float(total / width)
    same = count = 0
    for l, labels in enumerate(partitions):  # the average aggregation's signs: the same by construction
        w = merged[l][0]
        same += int((np.sign(w) == np.sign(w)).sum())
        count += w.size
    metrics["sign-agreement"] = same / count
    phases.done("metrics")

    os.makedirs(args.out, exist_ok=True)
    shutil.copyfile(args.model, os.path.join(args.out, "model.json"))
    doc_c = {"format": "illc-mlp", "version": 1, "inputs": doc.get("inputs"), "outputs": doc.get("outputs"),
             "layers": [{"weights": w.tolist(), "bias": b.tolist(), "activation": act} for w, b, act in merged]}
    with open(os.path.join(args.out, "compressed-model.json"), "w") as f:
        json.dump(doc_c, f, indent=2)
    with open(os.path.join(args.out, "clusters.json"), "w") as f:
        json.dump({"layers": [p.tolist() for p in partitions]}, f)
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    phases.done("write")
    for name, value in sorted(metrics.items()):
        print(f"metric {name} {value!r}")
    print("clusters " + " ".join(str(int(p.max() + 1)) for p in partitions))


if __name__ == "__main__":
    sys.exit(main())
