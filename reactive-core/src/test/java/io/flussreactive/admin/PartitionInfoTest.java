package io.flussreactive.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionInfoTest {

    @Test
    void partitionNameJoinsValuesWithDollarInSpecOrder() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("day", "2024-05-01");
        values.put("region", "eu");

        PartitionInfo info = new PartitionInfo(7L, PartitionSpec.of(values));

        assertThat(info.partitionName()).isEqualTo("2024-05-01$eu");
        assertThat(info.spec().spec()).containsExactly(Map.entry("day", "2024-05-01"), Map.entry("region", "eu"));
    }

    @Test
    void singleKeyPartitionNameIsTheValue() {
        assertThat(new PartitionInfo(1L, PartitionSpec.of("day", "20240501")).partitionName()).isEqualTo("20240501");
    }

    @Test
    void specEqualityRespectsKeyOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");

        assertThat(PartitionSpec.of(ab)).isEqualTo(PartitionSpec.of(new LinkedHashMap<>(ab)))
                .isNotEqualTo(PartitionSpec.of(ba));
    }

    @Test
    void specIsACopy() {
        Map<String, String> values = new LinkedHashMap<>(Map.of("a", "1"));
        PartitionSpec spec = PartitionSpec.of(values);

        values.put("b", "2");

        assertThat(spec.spec()).containsOnlyKeys("a").isUnmodifiable();
    }
}
