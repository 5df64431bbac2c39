/**
 * `views.py` for a scenario: one view per endpoint whose body is the literal Python the steps
 * mean, as a Django developer would write it. The probe's `with span(...)` lines only record
 * which thread ran a step and when; the ORM's queries are recorded by the probe's execute
 * wrapper, on whatever thread runs them.
 *
 * A `db` step inside an `async def` view calls the sync ORM directly, exactly as the scenario
 * says; real Django refuses that with SynchronousOnlyOperation (a 500), which is the point.
 *
 * An awaited upstream call under ASGI uses one httpx client per event loop, as httpx advises:
 * building a client (its SSL context) costs ~20 ms of Python on the loop (38 ms the first time),
 * which no upstream step means; a client per call made shop-mix's checkout 30 ms slower than the
 * model and blocked the loop 55 ms. Under WSGI each request's async_to_sync loop is new, so the
 * view builds its client per call there.
 */
import { executorGroupOf, hasEventLoop, offloadSteps } from '../../../shared/scenario.ts';
import type { Endpoint, LeafStep, OffloadableStep, OffloadStep, Scenario, Step } from '../../../shared/scenario.ts';
import { djangoVersionNumber } from './expressible.ts';

type Context = 'async' | 'sync';

const seconds = (ms: number) => String(Math.round(ms * 1000) / 1_000_000);

const QUERIES = {
  'product-list': 'product_list',
  'product-get': 'product_get',
  'cart-get': 'cart_get',
  'order-insert': 'order_insert',
} as const;

const HEADER = `"""The views of one scenario, written out by Interleave: each body is what the scenario means."""
import asyncio
import random
import time
import urllib.request
import weakref
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import httpx
from asgiref.sync import sync_to_async
from django.db import transaction
from django.db.models import F
from django.http import HttpResponse

from interleave_probe import burn, db_latency, offload, offload_to_thread, span, sync_view
from shop.models import CartItem, Order, Product

import os

UPSTREAM = os.environ["INTERLEAVE_UPSTREAM"]
UPSTREAM_REFUSED = os.environ["INTERLEAVE_UPSTREAM_REFUSED"]
CATEGORIES = ["books", "games", "garden", "kitchen", "music", "office", "outdoor", "shoes", "tools", "toys"]


def product_list():
    return list(Product.objects.filter(category=random.choice(CATEGORIES)).order_by("price_cents")[:20])


def product_get():
    return Product.objects.get(id=random.randint(1, 1000))


def cart_get():
    return list(CartItem.objects.filter(cart_id=random.randint(1, 500)).select_related("product"))


def order_insert():
    with transaction.atomic():
        order = Order.objects.create(
            customer=f"customer-{random.randint(1, 300)}", total_cents=0, created_at=datetime.now(timezone.utc).isoformat()
        )
        Product.objects.filter(id=random.randint(1, 1000)).update(stock=F("stock") - 1)
    return order
`;

const ASYNC_ORM = `

# The async ORM (Django 4.1+): each call runs the sync ORM through sync_to_async, thread-sensitive.
async def aproduct_list():
    return [p async for p in Product.objects.filter(category=random.choice(CATEGORIES)).order_by("price_cents")[:20]]


async def aproduct_get():
    return await Product.objects.aget(id=random.randint(1, 1000))


async def acart_get():
    return [item async for item in CartItem.objects.filter(cart_id=random.randint(1, 500)).select_related("product")]


async def aorder_insert():
    order = await Order.objects.acreate(
        customer=f"customer-{random.randint(1, 300)}", total_cents=0, created_at=datetime.now(timezone.utc).isoformat()
    )
    await Product.objects.filter(id=random.randint(1, 1000)).aupdate(stock=F("stock") - 1)
    return order
`;

interface Emitter {
  /** Module-level helper functions written before the views. */
  helpers: string[];
  scenario: Scenario;
  asyncOrm: boolean;
  /** Set when a view awaits the loop's shared upstream client (`upstream_client()`). */
  sharedClient: boolean;
}

/** One client per event loop, built at the warm-up (uvicorn keeps one loop per process). */
const UPSTREAM_CLIENT = `# One httpx client per event loop, as httpx advises (building one costs ~20 ms on the loop).
_UPSTREAM_CLIENTS = weakref.WeakKeyDictionary()


def upstream_client():
    loop = asyncio.get_running_loop()
    client = _UPSTREAM_CLIENTS.get(loop)
    if client is None:
        client = _UPSTREAM_CLIENTS[loop] = httpx.AsyncClient()
    return client`;

const indent = (lines: string[], by = 1) => lines.map((l) => (l ? '    '.repeat(by) + l : l));

function upstreamUrl(step: Extract<Step, { kind: 'upstream' }>): string {
  const base = step.fault === 'refuse' ? 'UPSTREAM_REFUSED' : 'UPSTREAM';
  return `f"{${base}}/delay?ms=${step.ms}&fault=${step.fault}"`;
}

/** Lines for a step that blocks or computes (any context), or awaits (async context only). */
function leafLines(step: LeafStep | OffloadableStep, context: Context, e: Emitter, name: string): string[] {
  switch (step.kind) {
    case 'await':
      return [`with span("await"):`, `    await asyncio.sleep(${seconds(step.ms)})`];
    case 'block':
      return [`with span("block"):`, `    time.sleep(${seconds(step.ms)})`];
    case 'cpu':
      return [`with span("cpu"):`, `    burn(${step.ms})  # pure-Python work that takes ${step.ms} ms alone`];
    case 'db':
      return [`with db_latency(${seconds(step.ms)}):`, `    ${QUERIES[step.query]}()`];
    case 'upstream': {
      const timeout = seconds(step.timeoutMs);
      if (context === 'async' && !step.blocking && hasEventLoop(e.scenario.server.model)) {
        e.sharedClient = true;
        return [
          `with span("upstream"):`,
          `    (await upstream_client().get(${upstreamUrl(step)}, timeout=${timeout})).raise_for_status()`,
        ];
      }
      if (context === 'async' && !step.blocking)
        return [
          `with span("upstream"):`,
          `    async with httpx.AsyncClient(timeout=${timeout}) as client:`,
          `        (await client.get(${upstreamUrl(step)})).raise_for_status()`,
        ];
      return [
        `with span("upstream-block"):`,
        `    with urllib.request.urlopen(${upstreamUrl(step)}, timeout=${timeout}) as response:`,
        `        response.read()`,
      ];
    }
    case 'offload':
      return offloadLines(step, e, name);
  }
}

/** Where an offload runs, written as a Django developer would: the async ORM, sync_to_async, or asyncio.to_thread. */
function offloadLines(offload: OffloadStep, e: Emitter, name: string): string[] {
  const inner = offload.step;
  const group = e.scenario.server.executor === 'pool' ? 'pool' : executorGroupOf(offload, e.scenario.server);
  if (inner.kind === 'db' && e.asyncOrm && group === 'thread-sensitive')
    return [`with span("offload"), db_latency(${seconds(inner.ms)}):`, `    await a${QUERIES[inner.query]}()`];
  e.helpers.push([`def ${name}():`, ...indent(leafLines(inner, 'sync', e, name))].join('\n'));
  if (group === 'pool') return [`await offload(${name}, thread_sensitive=False, executor=POOL)`];
  if (group === 'to-thread') return [`await offload_to_thread(${name})  # asyncio.to_thread(${name})`];
  return [`await offload(${name})  # sync_to_async(${name})(), thread-sensitive`];
}

function stepLines(step: Step, context: Context, e: Emitter, name: string): string[] {
  if (step.kind !== 'gather') return leafLines(step, context, e, name);
  const children = step.steps.map((child, i) => {
    const child_name = `${name}_${i}`;
    e.helpers.push(
      [`async def ${child_name}():`, ...indent(leafLines(child, 'async', e, `${child_name}_sync`))].join('\n'),
    );
    return `${child_name}()`;
  });
  return [`await asyncio.gather(${children.join(', ')})`];
}

function viewCode(endpoint: Endpoint, index: number, e: Emitter): string {
  const context: Context = endpoint.view === 'async' ? 'async' : 'sync';
  const body = endpoint.steps.flatMap((step, j) => stepLines(step, context, e, `_ep${index}_s${j}`));
  return [
    ...(context === 'sync' ? ['@sync_view'] : []),
    `${context === 'async' ? 'async def' : 'def'} ep_${index}(request):`,
    `    """${endpoint.name}"""`,
    ...indent(body),
    `    return HttpResponse("ok")`,
  ].join('\n');
}

/**
 * The load generator's unrecorded warm-up view. With PostgreSQL (Django's pool) it also loads the
 * database backend: importing psycopg takes about 130 ms here (SQLite's backend about 15), which
 * the first measured request would otherwise pay inside its first query (nothing connects: the
 * pool still opens at the first query). With an upstream client per loop it builds the loop's.
 */
function warmUpView(loadsBackend: boolean, buildsClient: boolean): string {
  return [
    'async def warm_up(request):',
    ...(loadsBackend ? ['    from django.db import connections', '', '    connections["default"]'] : []),
    ...(buildsClient ? ['    upstream_client()'] : []),
    '    return HttpResponse("ok")',
  ].join('\n');
}

export function viewsModule(scenario: Scenario, djangoVersion: string): string {
  const e: Emitter = {
    helpers: [],
    scenario,
    asyncOrm: djangoVersionNumber(djangoVersion) >= 4.01,
    sharedClient: false,
  };
  const views = scenario.endpoints.map((endpoint, i) => viewCode(endpoint, i, e));
  const usesPool =
    scenario.server.executor === 'pool' || offloadSteps(scenario.endpoints).some((s) => s.executor === 'pool');
  const pool = usesPool
    ? `\n\n# sync_to_async(thread_sensitive=False, executor=POOL): ${scenario.server.poolThreads} threads.\nPOOL = ThreadPoolExecutor(max_workers=${scenario.server.poolThreads}, thread_name_prefix="pool")\n`
    : '';
  const warmUp = warmUpView(scenario.server.dbPool !== undefined, e.sharedClient);
  const helpers = [...(e.sharedClient ? [UPSTREAM_CLIENT] : []), ...e.helpers, warmUp];
  return `${HEADER}${e.asyncOrm ? ASYNC_ORM : ''}${pool}\n\n${[...helpers, ...views].join('\n\n\n')}\n`;
}
