/*===- stack_switch.S - Run a function on another stack (x86-64) ----------===*
 *
 * void w2n_stack_switch(void (*fn)(void *), void *arg, void *top);
 *
 * Calls fn(arg) with the stack pointer at `top` (16-byte aligned) and
 * returns on the original stack. %rbp holds the old stack pointer, and the
 * CFI says so, so debuggers and unwinders walk from the wasm stack back to
 * the native one.
 *
 *===----------------------------------------------------------------------===*/
        .text
        .globl  w2n_stack_switch
        .hidden w2n_stack_switch
        .type   w2n_stack_switch, @function
        .p2align 4
w2n_stack_switch:
        .cfi_startproc
        pushq   %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        movq    %rsp, %rbp
        .cfi_def_cfa_register %rbp
        movq    %rdx, %rsp
        movq    %rdi, %rax
        movq    %rsi, %rdi
        callq   *%rax
        movq    %rbp, %rsp
        popq    %rbp
        .cfi_def_cfa %rsp, 8
        retq
        .cfi_endproc
        .size   w2n_stack_switch, . - w2n_stack_switch

        .section .note.GNU-stack, "", @progbits
