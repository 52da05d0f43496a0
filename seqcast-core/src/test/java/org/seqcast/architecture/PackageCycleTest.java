package org.seqcast.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of seqcast-core form no cycle. Every package is its own slice ({@code org.seqcast.(**)} captures
 * the whole package name, so {@code nn} and {@code nn.kernels} are different slices): {@code tensor} at the
 * bottom, then the kernels, losses and optimizers, {@code train} (which sees models only as
 * {@link org.seqcast.train.Trainable}), then {@code nn}.
 */
class PackageCycleTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.seqcast");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.seqcast.(**)").should().beFreeOfCycles().check(CORE);
    }
}
