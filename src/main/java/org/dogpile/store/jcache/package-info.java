/**
 * The JCache (JSR-107) store: {@link org.dogpile.store.jcache.JCacheStore}, on any provider.
 *
 * <p><b>API, evolving</b> (its construction may change with the second store SPI); its behaviour
 * follows the store SPI in {@code org.dogpile.store}. Depends on {@code org.dogpile.store} and the
 * JCache API.
 */
package org.dogpile.store.jcache;
