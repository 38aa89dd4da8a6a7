/*===- embed_api.c - What a module's generated typed API calls ------------===*
 *
 * A -shared library's NAME_new, NAME_<export> and accessors are small
 * generated wrappers over these functions, driven by the module's
 * w2n_api_desc: the typed import fields become host functions whose entry
 * is a generated trampoline, WASI is configured from NAME_imports' `wasi`
 * member, and exports are looked up once per instance.
 *
 *===----------------------------------------------------------------------===*/
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct api_instance {
  w2n_api_instance head; /* first: the raw instance's host pointer */
  const w2n_api_desc *desc;
  w2n_funcref **host_funcs;    /* by import position */
  const w2n_funcref **exports; /* by export index */
} api_instance;

static const w2n_api_import *find_import(const w2n_api_desc *d,
                                         uint32_t position) {
  for (uint32_t i = 0; i < d->num_imports; ++i)
    if (d->imports[i].position == position)
      return &d->imports[i];
  return NULL;
}

static int resolve(void *data, const w2n_module *m, const w2n_import *imp,
                   w2n_extern *out) {
  api_instance *self = data;
  uint32_t position = (uint32_t)(imp - m->imports);
  const w2n_api_import *ai = find_import(self->desc, position);
  if (!ai)
    return self->desc->wasi_offset >= 0 ? w2n_wasi_resolve(NULL, m, imp, out)
                                        : 1;
  void *field;
  memcpy(&field, (char *)self->head.imports + ai->field_offset, sizeof field);
  if (!field)
    return 1; /* "unknown import" */
  out->kind = imp->kind;
  switch (imp->kind) {
  case W2N_EXTERN_FUNC: {
    const w2n_func_type *t = &m->types[imp->type_index];
    if (!self->host_funcs[position])
      self->host_funcs[position] =
          w2n_host_func_new(ai->trampoline, t->params, t->results);
    out->u.func = self->host_funcs[position];
    return out->u.func ? 0 : 1;
  }
  case W2N_EXTERN_MEMORY:
    out->u.memory = field;
    return 0;
  case W2N_EXTERN_TABLE:
    out->u.table = field;
    return 0;
  default:
    out->u.global = field;
    return 0;
  }
}

void w2n_api_delete(w2n_api_instance *head) {
  api_instance *self = (api_instance *)head;
  if (!self)
    return;
  if (self->head.raw)
    w2n_instance_delete(self->head.raw);
  if (self->host_funcs)
    for (uint32_t i = 0; i < self->desc->module->num_imports; ++i)
      free(self->host_funcs[i]);
  w2n_wasi_close(&self->head.wasi);
  free(self->host_funcs);
  free(self->exports);
  free(self->head.imports);
  free(self);
}

w2n_api_instance *w2n_api_new(const w2n_api_desc *d, const void *imports,
                              char *err, size_t errlen) {
  const w2n_module *m = d->module;
  api_instance *self = calloc(1, sizeof *self);
  if (self) {
    self->desc = d;
    /* The host's struct is copied: it may be a temporary. */
    self->head.imports = calloc(1, d->imports_size ? d->imports_size : 1);
    self->host_funcs = calloc(m->num_imports + 1, sizeof *self->host_funcs);
    self->exports = calloc(m->num_exports + 1, sizeof *self->exports);
  }
  if (!self || !self->head.imports || !self->host_funcs || !self->exports) {
    rt_buf b;
    rt_buf_init(&b, err, errlen);
    rt_buf_str(&b, "out of memory");
    w2n_api_delete(self ? &self->head : NULL);
    return NULL;
  }
  if (imports)
    memcpy(self->head.imports, imports, d->imports_size);
  if (d->wasi_offset >= 0) {
    w2n_api_wasi_config cfg;
    memcpy(&cfg, (char *)self->head.imports + d->wasi_offset, sizeof cfg);
    self->head.wasi.argc = cfg.argc;
    self->head.wasi.argv = cfg.argv;
    self->head.wasi.envp = cfg.envp;
    if (cfg.num_grants &&
        w2n_wasi_grant(&self->head.wasi, cfg.num_grants, cfg.grants, cfg.envp,
                       err, errlen) != 0) {
      w2n_api_delete(&self->head);
      return NULL;
    }
  }
  w2n_import_resolver r = {resolve, self};
  w2n_trap_code trap;
  self->head.raw = w2n_instantiate(m, &r, &self->head.wasi, &trap, err, errlen);
  if (!self->head.raw) {
    w2n_api_delete(&self->head);
    return NULL;
  }
  for (uint32_t k = 0; k < m->num_exports; ++k) {
    w2n_extern ex;
    if (m->exports[k].kind == W2N_EXTERN_FUNC &&
        w2n_instance_export_n(self->head.raw, m->exports[k].name,
                              m->exports[k].name_len, &ex) == 0)
      self->exports[k] = ex.u.func;
  }
  return &self->head;
}

w2n_trap_code w2n_api_call(w2n_api_instance *head, uint32_t k,
                           w2n_value *args) {
  api_instance *self = (api_instance *)head;
  return w2n_invoke(head->raw, self->exports[k], args, NULL);
}

void *w2n_api_export(w2n_api_instance *head, uint32_t k) {
  const w2n_export *e = &head->raw->module->exports[k];
  w2n_extern ex;
  if (w2n_instance_export_n(head->raw, e->name, e->name_len, &ex) != 0)
    return NULL;
  return ex.kind == W2N_EXTERN_MEMORY   ? (void *)ex.u.memory
         : ex.kind == W2N_EXTERN_TABLE  ? (void *)ex.u.table
         : ex.kind == W2N_EXTERN_GLOBAL ? (void *)ex.u.global
                                        : (void *)ex.u.func;
}

int w2n_api_exit_status(w2n_api_instance *head) {
  return head->wasi.exit_status;
}

void *w2n_api_import_target(w2n_instance *ctx, uint32_t field_offset,
                            void **host, void **self) {
  w2n_api_instance *head = ctx->host;
  void *fn;
  memcpy(host, head->imports, sizeof *host); /* NAME_imports.host */
  memcpy(&fn, (char *)head->imports + field_offset, sizeof fn);
  *self = head;
  return fn;
}
