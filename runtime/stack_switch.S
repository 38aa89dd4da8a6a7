/*===- stack_switch.S - Run a function on another stack -------------------===*
 *
 * void w2n_stack_switch(void (*fn)(void *), void *arg, void *top);
 *
 * Calls fn(arg) with the stack pointer at `top` (16-byte aligned) and
 * returns on the original stack. The frame pointer holds the old stack
 * pointer, and the CFI says so, so debuggers and unwinders walk from the
 * wasm stack back to the native one. x86-64, AArch64 and RISC-V 64.
 *
 *===----------------------------------------------------------------------===*/
#if defined(__x86_64__)
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

#elif defined(__aarch64__)
        .text
        .globl  w2n_stack_switch
        .hidden w2n_stack_switch
        .type   w2n_stack_switch, %function
        .p2align 2
w2n_stack_switch:
        .cfi_startproc
        stp     x29, x30, [sp, #-16]!
        .cfi_def_cfa_offset 16
        .cfi_offset x29, -16
        .cfi_offset x30, -8
        mov     x29, sp
        .cfi_def_cfa_register x29
        mov     sp, x2
        mov     x3, x0
        mov     x0, x1
        blr     x3
        mov     sp, x29
        .cfi_def_cfa_register sp
        ldp     x29, x30, [sp], #16
        .cfi_def_cfa_offset 0
        .cfi_restore x29
        .cfi_restore x30
        ret
        .cfi_endproc
        .size   w2n_stack_switch, . - w2n_stack_switch

#elif defined(__riscv) && __riscv_xlen == 64
        .text
        .globl  w2n_stack_switch
        .hidden w2n_stack_switch
        .type   w2n_stack_switch, @function
        .p2align 2
w2n_stack_switch:
        .cfi_startproc
        addi    sp, sp, -16
        .cfi_def_cfa_offset 16
        sd      ra, 8(sp)
        sd      s0, 0(sp)
        .cfi_offset ra, -8
        .cfi_offset s0, -16
        addi    s0, sp, 16
        .cfi_def_cfa s0, 0
        mv      sp, a2
        mv      t0, a0
        mv      a0, a1
        jalr    t0
        addi    sp, s0, -16
        .cfi_def_cfa sp, 16
        ld      ra, 8(sp)
        ld      s0, 0(sp)
        .cfi_restore ra
        .cfi_restore s0
        addi    sp, sp, 16
        .cfi_def_cfa_offset 0
        ret
        .cfi_endproc
        .size   w2n_stack_switch, . - w2n_stack_switch

#else
#error "w2n_stack_switch: unsupported architecture"
#endif

        .section .note.GNU-stack, "", %progbits
