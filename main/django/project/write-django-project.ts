/**
 * Writes the Django project a scenario means into a folder: settings, urls, one view per
 * endpoint (python-views.ts), the demo shop's models, and the ASGI/WSGI entry points wrapped by
 * Interleave's probe (main/django/python/interleave_probe). The server runs it from that folder
 * with the probe's parent folder on PYTHONPATH.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../python-env.ts';
import type { Scenario } from '../../../shared/scenario.ts';
import { viewsModule } from './python-views.ts';
import { SHOP_MODELS } from './shop-models.ts';
import { CONNECTED_SQLITE_BASE, databaseSettings } from './db-backend.ts';
import { POOLED_POSTGRESQL_BASE } from './pooled-postgresql.ts';

/**
 * The folder that holds the `interleave_probe` package (put on PYTHONPATH): in the checkout,
 * from source and from the build alike (out/main is two folders down, like main/django).
 */
export const PROBE_PARENT_DIR = join(REPO_ROOT, 'main', 'django', 'python');

const SETTINGS = `"""Settings of the project Interleave wrote for one scenario: the least Django needs."""
import os

SECRET_KEY = "interleave-generated-project-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "interleave_site.urls"
INSTALLED_APPS = ["shop"]
MIDDLEWARE = MIDDLEWARE_LIST
USE_TZ = True
DATABASES = {
    "default": {
        DATABASE_ENTRIES
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
`;

const URLS = (count: number) => `from django.urls import path

from . import views

urlpatterns = [
    # The load generator's unrecorded warm-up goes through Django too, so the first measured
    # requests do not pay for importing the views and building the URL resolver.
    path("__warm-up", views.warm_up),
${Array.from({ length: count }, (_, i) => `    path("ep/${i}", views.ep_${i}),`).join('\n')}
]
`;

const ASGI = `import os

from django.core.asgi import get_asgi_application
from interleave_probe import ProbeASGI

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interleave_site.settings")
application = ProbeASGI(get_asgi_application())
`;

/** An old-style, sync-only middleware: Django adapts the handler around it (see serverSchema.syncMiddleware). */
const SYNC_MIDDLEWARE = `"""A sync-only middleware, as older projects have: Django calls it on a thread-sensitive thread."""
from interleave_probe import span


class SyncOnlyMiddleware:
    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The thread is held while the view below runs (back on the event loop, under ASGI).
        with span("running"):
            return self.get_response(request)
`;

const WSGI = `import os

from django.core.wsgi import get_wsgi_application
from interleave_probe import ProbeWSGI

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interleave_site.settings")
application = ProbeWSGI(get_wsgi_application())
`;

const MANAGE = `#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interleave_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
`;

export interface ProjectOptions {
  /** Django's major.minor found, e.g. "5.2": the async ORM exists from 4.1. */
  djangoVersion: string;
}

export function writeDjangoProject(scenario: Scenario, folder: string, options: ProjectOptions): void {
  const files: Record<string, string> = {
    'manage.py': MANAGE,
    'interleave_site/__init__.py': '',
    'interleave_site/settings.py': SETTINGS.replace(
      'MIDDLEWARE_LIST',
      scenario.server.syncMiddleware ? '["interleave_site.middleware.SyncOnlyMiddleware"]' : '[]',
    ).replace('DATABASE_ENTRIES', databaseSettings(scenario, join(folder, 'connection-slots')).join('\n        ')),
    'interleave_site/connected_sqlite/__init__.py': '',
    'interleave_site/connected_sqlite/base.py': CONNECTED_SQLITE_BASE,
    'interleave_site/pooled_postgresql/__init__.py': '',
    'interleave_site/pooled_postgresql/base.py': POOLED_POSTGRESQL_BASE,
    'connection-slots/.keep': '',
    'interleave_site/middleware.py': SYNC_MIDDLEWARE,
    'interleave_site/urls.py': URLS(scenario.endpoints.length),
    'interleave_site/views.py': viewsModule(scenario, options.djangoVersion),
    'interleave_site/asgi.py': ASGI,
    'interleave_site/wsgi.py': WSGI,
    'shop/__init__.py': '',
    'shop/models.py': SHOP_MODELS,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
}
