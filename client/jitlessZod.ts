import { z } from 'zod';

// Our CSP forbids eval; zod probes with Function() when its first object schema is defined, so this
// must run before any module that defines one: it is the first import of main.ts.
z.config({ jitless: true });
