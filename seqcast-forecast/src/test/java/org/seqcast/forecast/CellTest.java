package org.seqcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqcast.nn.LayerSpec;

/** Cells are the recurrent layer kinds under their command-line names. */
class CellTest {
    @Test
    void everyCellIsARecurrentKindAndBack() {
        for (Cell cell : Cell.values()) {
            LayerSpec.Recurrent spec = cell.spec(5);
            assertEquals(cell, Cell.of(spec));
            assertEquals(cell.kind(), spec.kind());
            assertEquals(spec.kind().type(), cell.label());
            assertEquals(5, spec.units());
            assertEquals(spec, cell.spec(5).build().spec());
            assertEquals(cell, Cell.parse(" " + cell.label().toUpperCase(java.util.Locale.ROOT)));
        }
        assertEquals(Cell.RNN, Cell.parse("SimpleRNN"));
        assertEquals(Cell.RNN, Cell.parse("simple-rnn"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cell.parse("tcn"));
        assertTrue(e.getMessage().contains("unknown cell 'tcn'; use lstm, gru or rnn"), e.getMessage());
    }

    @Test
    void theForecasterNetworkIsMadeOfSpecs() {
        RnnConfig c = RnnConfig.builder(3).cell(Cell.GRU).units(4).layers(2).dropout(0.1).window(6).build();
        List<LayerSpec> expected = List.of(new LayerSpec.Gru(4).returnSequences(true), new LayerSpec.Dropout(0.1),
                new LayerSpec.Gru(4), new LayerSpec.Dropout(0.1), new LayerSpec.Dense(3));
        assertEquals(expected, RnnForecaster.layers(c));
        assertEquals(expected, RnnForecaster.buildModel(c, 2).specs());
    }
}
