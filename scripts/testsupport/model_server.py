"""Serves a GGUF model with llama.cpp's own server (the xllamacpp wheel) on a free loopback port,
with its OpenAI-compatible /v1/chat/completions. Prints `listening http://127.0.0.1:PORT` once it
answers /health, then serves until killed. Replies are capped at 96 tokens."""
import socket
import sys
import time
import urllib.request

import xllamacpp as xlc

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]

params = xlc.CommonParams()
params.model.path = sys.argv[1]
params.port = port
params.n_ctx = 4096
params.n_predict = 96
params.cpuparams.n_threads = 2
params.cpuparams_batch.n_threads = 2
server = xlc.Server(params)

base = f"http://127.0.0.1:{port}"
for _ in range(600):
    try:
        with urllib.request.urlopen(base + "/health", timeout=1) as r:
            if r.status == 200:
                break
    except Exception:
        time.sleep(0.1)
print(f"listening {base}", flush=True)
while True:
    time.sleep(3600)
