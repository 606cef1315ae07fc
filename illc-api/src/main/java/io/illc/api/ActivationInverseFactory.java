package io.illc.api;

/** The service interface of activation-inverse plugins; the plugin's name is the activation's. */
public interface ActivationInverseFactory extends PluginFactory<ActivationInverse> {
}
