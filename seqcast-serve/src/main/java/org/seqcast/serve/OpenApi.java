package org.seqcast.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed OpenAPI description of the API ({@code openapi.yaml}, a resource of this package). */
final class OpenApi {
    static final String RESOURCE = "openapi.yaml";

    private OpenApi() {
    }

    static byte[] bytes() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the seqcast-serve jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
