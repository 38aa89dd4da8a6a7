/*===- instance.c - Instantiation, exports and calls from the embedder ----===*/
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#ifdef RT_ASAN
#include <sanitizer/lsan_interface.h>
#endif

static void import_error(char *err, size_t errlen, const char *what,
                         const w2n_import *imp, const char *detail) {
  rt_buf b;
  rt_buf_init(&b, err, errlen);
  rt_buf_str(&b, what);
  rt_buf_str(&b, ": \"");
  rt_buf_str(&b, imp->module);
  rt_buf_str(&b, "\" \"");
  rt_buf_str(&b, imp->name);
  rt_buf_str(&b, "\"");
  if (detail) {
    rt_buf_str(&b, " (");
    rt_buf_str(&b, detail);
    rt_buf_str(&b, ")");
  }
}

static void plain_error(char *err, size_t errlen, const char *msg) {
  rt_buf b;
  rt_buf_init(&b, err, errlen);
  rt_buf_str(&b, msg);
}

/* Frees whatever a (possibly partial) instance owns. */
static void free_instance(rt_instance *ri) {
  w2n_instance *in = &ri->pub;
  const w2n_module *m = in->module;
  if (ri->own_tables)
    for (uint32_t i = 0; i < m->num_tables; ++i)
      rt_table_free(ri->own_tables[i]);
  if (in->elems)
    for (uint32_t i = 0; i < m->num_elems; ++i)
      free(in->elems[i].items);
  rt_memory_free(ri->own_memory);
  free(ri->own_tables);
  free(ri->own_funcs);
  free(ri->own_globals);
  free(ri->type_ids);
  free(in->tables);
  free(in->globals);
  free(in->funcs);
  free(in->data);
  free(in->elems);
  free(ri);
}

void w2n_instance_delete(w2n_instance *inst) {
  if (inst)
    free_instance((rt_instance *)inst);
}

/* Limits matching: the import's min must be met, and if it has a max the
 * provided object must have one no larger. */
static int limits_match(uint64_t size, int has_max, uint64_t max,
                        const w2n_import *imp) {
  if (size < imp->min)
    return 0;
  return !imp->has_max || (has_max && max <= imp->max);
}

/* Resolves and checks import k, storing it into the instance. Returns the
 * error detail, "" for a mismatch without one, or NULL on success. */
static const char *link_import(rt_instance *ri, const w2n_import *imp,
                               const w2n_extern *ex, uint32_t *fi, uint32_t *ti,
                               uint32_t *gi) {
  w2n_instance *in = &ri->pub;
  const w2n_module *m = in->module;
  if (ex->kind != imp->kind)
    return "";
  switch (imp->kind) {
  case W2N_EXTERN_FUNC: {
    w2n_funcref *f = ex->u.func;
    if (!f || *fi >= m->num_funcs || imp->type_index >= m->num_types ||
        f->type_id != ri->type_ids[imp->type_index])
      return "";
    if (!f->instance) {
      /* A host function: bind a copy to the importer. */
      ri->own_funcs[*fi] = *f;
      ri->own_funcs[*fi].instance = in;
      f = &ri->own_funcs[*fi];
    }
    in->funcs[(*fi)++] = f;
    return NULL;
  }
  case W2N_EXTERN_TABLE: {
    rt_table *t = (rt_table *)ex->u.table;
    if (!t || *ti >= m->total_tables || t->pub.elem_type != imp->value_type ||
        !limits_match(t->pub.size, t->has_max, t->pub.max, imp))
      return "";
    in->tables[(*ti)++] = &t->pub;
    return NULL;
  }
  case W2N_EXTERN_MEMORY: {
    rt_memory *mem = (rt_memory *)ex->u.memory;
    if (!mem || in->memory ||
        !limits_match(mem->pub.size / W2N_PAGE_SIZE, mem->has_max,
                      mem->pub.max_pages, imp))
      return "";
    if (!(m->flags & W2N_MODULE_EXPLICIT_BOUNDS_CHECKS) &&
        mem->pub.reserved < W2N_GUARD_RESERVATION)
      return "the memory has no guard region; the importer needs one";
    /* Faults in a memory are turned into traps by the runtime copy that
     * made it, which has no recovery point for this instance's calls. */
    if (!(m->flags & W2N_MODULE_EXPLICIT_BOUNDS_CHECKS) &&
        !rt_in_memory_reservation((uintptr_t)mem->pub.base))
      return "the memory was made by another copy of the runtime (another "
             "-shared library)";
    in->memory = &mem->pub;
    in->mem_base = mem->pub.base;
    return NULL;
  }
  case W2N_EXTERN_GLOBAL: {
    w2n_global *g = ex->u.global;
    if (!g || *gi >= m->total_globals || g->type != imp->value_type ||
        g->mutability != imp->mutability)
      return "";
    in->globals[(*gi)++] = &g->value;
    return NULL;
  }
  }
  return "";
}

static void run_initialize(void *p) {
  w2n_instance *in = p;
  in->module->initialize(in);
}

w2n_instance *w2n_instantiate(const w2n_module *m, const w2n_import_resolver *r,
                              void *host, w2n_trap_code *trap, char *err,
                              size_t errlen) {
  if (trap)
    *trap = W2N_TRAP_NONE;
  if (m->abi_version != W2N_ABI_VERSION) {
    plain_error(err, errlen, "module was compiled for another runtime ABI");
    return NULL;
  }
  w2n_init_signals();
  rt_register_module(m);
  /* Trap reports read this copy's own ELF file: the executable's, or a
   * shared library's (-shared, or a host's plugin linking the runtime). */
  rt_image_init();

  rt_instance *ri = calloc(1, sizeof *ri);
  if (!ri) {
    plain_error(err, errlen, "out of memory");
    return NULL;
  }
  w2n_instance *in = &ri->pub;
  in->module = m;
  in->host = host;
  /* calloc(0) may return NULL; ask for at least one element. */
#define ALLOC(n, T) ((T *)calloc((n) ? (n) : 1, sizeof(T)))
  ri->type_ids = ALLOC(m->num_types, uint32_t);
  ri->own_funcs = ALLOC(m->num_funcs, w2n_funcref);
  ri->own_globals = ALLOC(m->num_globals, w2n_global);
  ri->own_tables = ALLOC(m->num_tables, rt_table *);
  in->funcs = ALLOC(m->num_funcs, w2n_funcref *);
  in->tables = ALLOC(m->total_tables, w2n_table *);
  in->globals = ALLOC(m->total_globals, w2n_value *);
  in->data = ALLOC(m->num_data, w2n_data_segment);
  in->elems = ALLOC(m->num_elems, w2n_elem_segment);
#undef ALLOC
  if (!ri->type_ids || !ri->own_funcs || !ri->own_globals || !ri->own_tables ||
      !in->funcs || !in->tables || !in->globals || !in->data || !in->elems) {
    plain_error(err, errlen, "out of memory");
    goto fail;
  }
  in->type_ids = ri->type_ids;
  for (uint32_t t = 0; t < m->num_types; ++t)
    ri->type_ids[t] = w2n_type_id(m->types[t].params, m->types[t].results);

  /* Imports come first in every index space, in import order. */
  uint32_t fi = 0, ti = 0, gi = 0;
  for (uint32_t k = 0; k < m->num_imports; ++k) {
    const w2n_import *imp = &m->imports[k];
    w2n_extern ex;
    memset(&ex, 0, sizeof ex);
    w2n_funcref prebound;
    if (imp->kind == W2N_EXTERN_FUNC && fi < m->num_funcs &&
        m->funcs[fi].fn) {
      /* The compiler bound this import to a runtime host function (WASI)
       * and calls it directly; no resolver, so a program links only the
       * host functions it imports. */
      prebound.fn = m->funcs[fi].fn;
      prebound.instance = NULL;
      prebound.type_id = ri->type_ids[imp->type_index];
      ex.kind = W2N_EXTERN_FUNC;
      ex.u.func = &prebound;
    } else if (!r || !r->resolve || r->resolve(r->data, m, imp, &ex) != 0) {
      import_error(err, errlen, "unknown import", imp, NULL);
      goto fail;
    }
    const char *why = link_import(ri, imp, &ex, &fi, &ti, &gi);
    if (why) {
      import_error(err, errlen, "incompatible import type", imp,
                   *why ? why : NULL);
      goto fail;
    }
  }

  for (uint32_t i = fi; i < m->num_funcs; ++i) {
    w2n_funcref *f = &ri->own_funcs[i];
    f->fn = m->funcs[i].fn;
    f->instance = in;
    f->type_id = ri->type_ids[m->funcs[i].type_index];
    in->funcs[i] = f;
  }
  for (uint32_t k = 0; k < m->num_tables && ti < m->total_tables; ++k) {
    const w2n_table_desc *d = &m->tables[k];
    ri->own_tables[k] =
        rt_table_create(d->elem_type, d->min, d->max, d->has_max, NULL);
    if (!ri->own_tables[k]) {
      plain_error(err, errlen, "table too large");
      goto fail;
    }
    in->tables[ti++] = &ri->own_tables[k]->pub;
  }
  if (m->num_memories) {
    ri->own_memory = rt_memory_create(
        m->memory_min_pages, m->memory_max_pages, m->memory_has_max,
        !(m->flags & W2N_MODULE_EXPLICIT_BOUNDS_CHECKS), err, errlen);
    if (!ri->own_memory)
      goto fail;
    in->memory = &ri->own_memory->pub;
    in->mem_base = in->memory->base;
  }
  for (uint32_t k = 0; k < m->num_globals && gi < m->total_globals; ++k) {
    w2n_global *g = m->globals[k].storage ? (w2n_global *)m->globals[k].storage
                                          : &ri->own_globals[k];
    g->type = m->globals[k].value_type;
    g->mutability = m->globals[k].mutability;
    in->globals[gi++] = &g->value;
  }
  if (m->num_data)
    memcpy(in->data, m->data, m->num_data * sizeof *in->data);

  if (m->initialize) {
    w2n_trap_code code = w2n_call(run_initialize, in);
    if (code != W2N_TRAP_NONE) {
      /* Uninstantiable, but what earlier segments did stays, so the
       * instance must outlive this call: it is leaked on purpose. */
#ifdef RT_ASAN
      __lsan_ignore_object(ri);
#endif
      if (trap)
        *trap = code;
      plain_error(err, errlen, w2n_trap_message(code));
      return NULL;
    }
  }
  return in;

fail:
  free_instance(ri);
  return NULL;
}

/* ---- Exports ------------------------------------------------------------ */

const w2n_export *w2n_find_export_n(const w2n_module *m, const char *name,
                                    size_t len, int kind) {
  for (uint32_t i = 0; i < m->num_exports; ++i) {
    const w2n_export *e = &m->exports[i];
    if ((kind < 0 || e->kind == kind) && e->name_len == len &&
        memcmp(e->name, name, len) == 0)
      return e;
  }
  return NULL;
}

const w2n_export *w2n_find_export(const w2n_module *m, const char *name,
                                  int kind) {
  return w2n_find_export_n(m, name, strlen(name), kind);
}

int w2n_instance_export(w2n_instance *in, const char *name, w2n_extern *out) {
  return w2n_instance_export_n(in, name, strlen(name), out);
}

int w2n_instance_export_n(w2n_instance *in, const char *name, size_t len,
                          w2n_extern *out) {
  const w2n_export *e = w2n_find_export_n(in->module, name, len, -1);
  if (!e)
    return -1;
  out->kind = e->kind;
  switch (e->kind) {
  case W2N_EXTERN_FUNC:
    out->u.func = in->funcs[e->index];
    return 0;
  case W2N_EXTERN_TABLE:
    out->u.table = in->tables[e->index];
    return 0;
  case W2N_EXTERN_MEMORY:
    out->u.memory = in->memory;
    return 0;
  case W2N_EXTERN_GLOBAL:
    /* Every global slot is the first member of a w2n_global. */
    out->u.global = (w2n_global *)in->globals[e->index];
    return 0;
  }
  return -1;
}

/* ---- Calls from the embedder -------------------------------------------- */

static const w2n_func_type *type_in(const w2n_instance *in, uint32_t id) {
  if (!in)
    return NULL;
  for (uint32_t t = 0; t < in->module->num_types; ++t)
    if (in->type_ids[t] == id)
      return &in->module->types[t];
  return NULL;
}

const w2n_func_type *w2n_funcref_type(const w2n_instance *inst,
                                      const w2n_funcref *f) {
  const w2n_func_type *t = type_in(f->instance, f->type_id);
  return t ? t : type_in(inst, f->type_id);
}

typedef struct invocation {
  const w2n_func_type *type;
  const w2n_funcref *f;
  w2n_value *args;
} invocation;

static void run_invocation(void *p) {
  invocation *c = p;
  c->type->invoke(c->f->fn, c->f->instance, c->args);
}

w2n_trap_code w2n_invoke(w2n_instance *inst, const w2n_funcref *f,
                         w2n_value *args, w2n_trap_code *trap) {
  w2n_trap_code code;
  invocation c = {NULL, f, args};
  if (!f)
    code = W2N_TRAP_UNINITIALIZED_ELEMENT;
  else if (!(c.type = w2n_funcref_type(inst, f)) || !c.type->invoke)
    code = W2N_TRAP_INDIRECT_CALL_TYPE_MISMATCH;
  else
    code = w2n_call(run_invocation, &c);
  if (trap)
    *trap = code;
  return code;
}

/* ---- Host objects ------------------------------------------------------- */

w2n_funcref *w2n_host_func_new(void *fn, const char *params,
                               const char *results) {
  w2n_funcref *f = malloc(sizeof *f);
  if (f) {
    f->fn = fn;
    f->instance = NULL;
    f->type_id = w2n_type_id(params, results);
  }
  return f;
}

w2n_global *w2n_global_new(uint8_t type, int mutability, w2n_value init) {
  w2n_global *g = malloc(sizeof *g);
  if (g) {
    g->value = init;
    g->type = type;
    g->mutability = (uint8_t)mutability;
  }
  return g;
}

void w2n_global_delete(w2n_global *g) { free(g); }
