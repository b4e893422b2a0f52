package dev.zarr4j.ndarray;

import java.io.Serializable;

/**
 * A complex number, the element value of {@code complex64} and {@code complex128} arrays.
 *
 * @param re real part
 * @param im imaginary part
 */
public record Complex(double re, double im) implements Serializable {

  /** Equality compares bit patterns, so {@code NaN} equals {@code NaN} (as array equality does). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Complex c
        && Double.doubleToLongBits(re) == Double.doubleToLongBits(c.re)
        && Double.doubleToLongBits(im) == Double.doubleToLongBits(c.im);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(re) * 31 + Double.hashCode(im);
  }

  /** NumPy's repr, e.g. {@code (1+2j)}, {@code -0.5j}. */
  @Override
  public String toString() {
    return "(" + re + (im < 0 || (im == 0 && 1 / im < 0) ? "" : "+") + im + "j)";
  }
}
