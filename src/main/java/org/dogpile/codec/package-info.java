/**
 * How cached values become bytes in stores outside the heap: {@link org.dogpile.codec.ValueCodec}
 * and its exceptions.
 *
 * <p><b>SPI, evolving</b> until 1.0. Plain Java; depends on nothing else of the library.
 */
package org.dogpile.codec;
