package dev.zarr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassCacheTrainingTest {

  /** Every command of the training run succeeds, so the archive holds what they load. */
  @Test
  void everyTrainingCommandSucceeds() throws Exception {
    assertThat(ClassCacheTraining.run()).isZero();
  }
}
