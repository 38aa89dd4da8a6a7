// Floating-point formatting and arithmetic: printf's %.17g round-trips
// doubles, %g/%e/%f/%a, special values, libm results and conversions.
// RUN: %wasi-cc -O2 %s -o %t.wasm
// RUN: rm -f %t.exe
// RUN: %w2n %t.wasm -o %t.exe
// RUN: %t.exe > %t.out
// RUN: FileCheck %s --input-file %t.out --match-full-lines
// RUN: %if node %{ %node-wasi %t.wasm > %t.ref %}
// RUN: %if node %{ diff %t.ref %t.out %}

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

// Opaque to the optimiser, so the arithmetic happens at run time.
__attribute__((noinline)) static double id(double x) {
  __asm__ volatile("" : "+r"(x));
  return x;
}

int main(void) {
  double vals[] = {0.1, 1.0 / 3.0, 2.0 / 3.0, 1e21, 123456789.125,
                   5e-324, DBL_MAX, -0.0, 1e-7};
  for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; ++i)
    printf("%.17g\n", vals[i]);
  printf("%g %g %g\n", id(0.1) + id(0.2), id(1e100), id(-2.5e-5));
  printf("%e %f %.3f\n", id(6.02214076e23), id(3.14159265358979), id(2.0005));
  printf("%a %a\n", id(1.0), id(0.1));
  printf("%f %f %f\n", id(INFINITY), -id(INFINITY), id(NAN));
  printf("sqrt2=%.17g\n", sqrt(id(2.0)));
  printf("sin1=%.17g cos1=%.17g\n", sin(id(1.0)), cos(id(1.0)));
  printf("exp1=%.17g log10=%.17g\n", exp(id(1.0)), log(id(10.0)));
  printf("pow=%.17g fmod=%.17g\n", pow(id(2.0), id(0.5)), fmod(id(10.5), id(3.0)));
  printf("float=%.9g %.9g\n", (double)(float)id(0.1), (double)((float)id(1.0) / 3.0f));
  printf("floor=%g ceil=%g trunc=%g round=%g rint=%g\n", floor(id(-2.5)),
         ceil(id(-2.5)), trunc(id(-2.5)), round(id(-2.5)), rint(id(-2.5)));
  printf("min=%g max=%g copysign=%g\n", fmin(id(-0.0), id(0.0)),
         fmax(id(NAN), id(1.0)), copysign(id(3.0), id(-0.0)));
  printf("int=%d %lld %u\n", (int)id(-2.9), (long long)id(-1e18),
         (unsigned)id(4000000000.0));
  printf("strtod=%.17g\n", strtod("2.718281828459045235360", NULL));
  return 0;
}

// CHECK:      0.10000000000000001
// CHECK-NEXT: 0.33333333333333331
// CHECK-NEXT: 0.66666666666666663
// CHECK-NEXT: 1e+21
// CHECK-NEXT: 123456789.125
// CHECK-NEXT: 4.9406564584124654e-324
// CHECK-NEXT: 1.7976931348623157e+308
// CHECK-NEXT: -0
// CHECK-NEXT: 9.9999999999999995e-08
// CHECK-NEXT: 0.3 1e+100 -2.5e-05
// CHECK-NEXT: 6.022141e+23 3.141593 2.001
// CHECK-NEXT: 0x1p+0 0x1.999999999999ap-4
// CHECK-NEXT: inf -inf nan
// CHECK-NEXT: sqrt2=1.4142135623730951
// CHECK-NEXT: sin1=0.8414709848078965 cos1=0.54030230586813977
// CHECK-NEXT: exp1=2.7182818284590451 log10=2.3025850929940459
// CHECK-NEXT: pow=1.4142135623730951 fmod=1.5
// CHECK-NEXT: float=0.100000001 0.333333343
// CHECK-NEXT: floor=-3 ceil=-2 trunc=-2 round=-3 rint=-2
// CHECK-NEXT: min=-0 max=1 copysign=-3
// CHECK-NEXT: int=-2 -1000000000000000000 4000000000
// CHECK-NEXT: strtod=2.7182818284590451
