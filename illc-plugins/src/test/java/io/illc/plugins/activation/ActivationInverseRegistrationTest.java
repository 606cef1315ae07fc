package io.illc.plugins.activation;

import io.illc.api.ActivationInverseFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ActivationInverseRegistrationTest {

    @Test
    void serviceLoaderFindsAnInverseForEveryElementWiseActivation() {
        List<String> names = ServiceLoader.load(ActivationInverseFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.getClass().getPackageName().equals(ActivationInverseRegistrationTest.class.getPackageName()))
                .map(ActivationInverseFactory::name).sorted().toList();
        assertEquals(List.of("elu", "leaky-relu", "linear", "relu", "sigmoid", "softplus", "tanh"), names);
    }
}
