/**
 * The CDI integration: {@code @Dogpile} on CDI beans and EJBs, with nothing to enable.
 *
 * <p><b>API, stable:</b> {@link org.dogpile.cdi.DogpileCaches} (programmatic invalidation, peek and
 * refresh) and {@link org.dogpile.cdi.DogpileInterceptor#PRIORITY}. The configuration keys
 * ({@code dogpile.*}) are part of the API as well.
 *
 * <p><b>Internal:</b> {@link org.dogpile.cdi.DogpileExtension} and the three interceptors are public
 * only because the container instantiates them (through {@code META-INF/services} and the
 * interceptor bindings); do not call them. Everything else is package-private: the extension
 * validates and builds an immutable registry of per-(bean, method) operations, an application-scoped
 * runtime bean owns the engine and its store, and the interceptors run each call through it.
 *
 * <p>Depends on {@code org.dogpile} (annotations), {@code org.dogpile.engine},
 * {@code org.dogpile.store} and its implementations, {@code org.dogpile.key}; nothing depends on it.
 */
package org.dogpile.cdi;
