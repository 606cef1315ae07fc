/** Build-time generators for the illc distribution (shell completion, man pages); not shipped. */
package io.illc.dist;
